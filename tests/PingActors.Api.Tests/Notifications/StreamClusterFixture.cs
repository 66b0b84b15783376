using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PingActors.Hosting;
using PingActors.Platform;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Notifications;

/// <summary>
/// The deployment shape in one process: two silos that find each other through the membership table on a fresh
/// PostgreSQL database (real TCP on loopback), and the API as an Orleans client of them (<c>Cluster:Mode=client</c>)
/// on Kestrel. One fake domain clock for all three.
/// </summary>
public sealed class StreamClusterFixture : IAsyncLifetime
{
    private readonly string _clusterId = $"stream-{Guid.NewGuid():N}";
    private readonly List<IHost> _silos = [];
    private WebApplicationFactory<Program> _api = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The silos' gateway ports, in the order they started.</summary>
    public IReadOnlyList<int> SiloPorts { get; private set; } = [];

    public IServiceProvider Api => _api.Services;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var ports = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var port = Repository.FreePort();
            _silos.Add(await StartSiloAsync(port));
            ports.Add(port);
        }

        SiloPorts = ports;
        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            foreach (var (key, value) in Shared())
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("Cluster:Mode", "client");
            web.UseSetting("Auth:SigningKey", ApiFixture.SigningKey);
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Urls", "http://127.0.0.1:0");
            // A client that stops reading fills these quickly: the cut-off test needs no megabytes of messages.
            web.UseSetting("Stream:BufferSize", "8");
            web.UseSetting("Kestrel:Limits:MaxResponseBufferSize", "4096");
            web.UseSetting("Stream:ReconcileInterval", "00:00:00.500");
            web.UseSetting("Stream:SubscriptionRefresh", "00:00:01");
            web.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock));
        });
        _api.UseKestrel(0);
        _api.StartServer();
        using var client = Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await Database.DisposeAsync();
    }

    public HttpClient Anonymous() => _api.CreateClient();

    /// <summary>The API's address, for clients that are not HttpClients.</summary>
    public Uri Address => _api.ClientOptions.BaseAddress;

    public async Task<HttpClient> SignInAsync(string username, params string[] roles)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username, roles));
        return client;
    }

    public async Task<string> TokenAsync(string username, params string[] roles)
    {
        using var client = Anonymous();
        var response = await client.PostAsJsonAsync("/v1/dev/token", new { username, roles });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The gateway port of the silo that holds <paramref name="grain"/>'s activation.</summary>
    public async Task<int> SiloOfAsync(GrainId grain)
    {
        var grains = _api.Services.GetRequiredService<IClusterClient>();
        var activations = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var silo = activations.Single(a => a.GrainId == grain).SiloAddress;
        return _silos.Select(s => s.Services.GetRequiredService<ILocalSiloDetails>())
            .Single(details => details.SiloAddress.Equals(silo)).GatewayAddress.Endpoint.Port;
    }

    private async Task<IHost> StartSiloAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(Shared().Concat(
        [
            new("Cluster:SiloPort", Repository.FreePort().ToString(CultureInfo.InvariantCulture)),
            new("Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture)),
            new("Cluster:AdvertisedAddress", "127.0.0.1"),
            new("Cluster:Dashboard", "false"),
        ]).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));
        builder.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock);
        builder.AddPingActorsSilo(singleNode: false);
        // The tests need grains on each silo. Orleans' default placement follows the silos' CPU and memory, which
        // for two silos in one busy process can favour one of them for hundreds of activations in a row.
        builder.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private IEnumerable<KeyValuePair<string, string>> Shared() =>
    [
        new("ConnectionStrings:Postgres", Database.ConnectionString),
        new("Cluster:ClusterId", _clusterId),
        new("Cluster:ServiceId", _clusterId),
        new("Cluster:Membership:ProbeTimeout", "00:00:01"),
        new("Cluster:Membership:NumMissedProbesLimit", "2"),
        new("Cluster:Membership:NumVotesForDeathDeclaration", "1"),
        new("Pings:SweepInterval", "00:00:00"),
        new("Logging:LogLevel:Default", "Warning"),
    ];
}

[CollectionDefinition(Name)]
public sealed class StreamClusterCollection : ICollectionFixture<StreamClusterFixture>
{
    public const string Name = "stream-cluster";
}
