using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using PingActors.Api;
using PingActors.Testing.Processes;

namespace PingActors.Benchmarks;

/// <summary>
/// PingActors as a user would run it on one machine: the API host in single-node mode (a silo in-process) on
/// loopback, plus an external Orleans client that reaches the same silo through its gateway.
/// </summary>
internal sealed class PingActorsHost : IAsyncDisposable
{
    public const string ClusterId = "pingactors-bench";

    private readonly WebApplication _api;
    private readonly IHost _client;

    private PingActorsHost(WebApplication api, IHost client, Uri address, string signingKey, int gatewayPort)
    {
        _api = api;
        _client = client;
        Address = address;
        GatewayPort = gatewayPort;
        SigningKey = signingKey;
        Http = HttpClientFor(address);
    }

    public Uri Address { get; }

    /// <summary>The Orleans gateway's port on loopback, for clients in other processes.</summary>
    public int GatewayPort { get; }

    public string SigningKey { get; }

    public HttpClient Http { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>The silo's services (for its memory and activation counts).</summary>
    public IServiceProvider SiloServices => _api.Services;

    /// <summary>An HTTP client for the API at <paramref name="address"/>, with room for as many connections as clients.</summary>
    public static HttpClient HttpClientFor(Uri address) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = address };

    public static async Task<PingActorsHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> overrides)
    {
        var (siloPort, gatewayPort, httpPort) = (Repository.FreePort(), Repository.FreePort(), Repository.FreePort());
        var signingKey = $"benchmark-signing-key-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Cluster:Mode"] = "single-node",
            ["Cluster:ClusterId"] = ClusterId,
            ["Cluster:ServiceId"] = ClusterId,
            ["Cluster:SiloPort"] = $"{siloPort}",
            ["Cluster:GatewayPort"] = $"{gatewayPort}",
            ["Auth:SigningKey"] = signingKey,
            ["Auth:DevTokens"] = "false",
            ["Embedded:Enabled"] = "false",
            // Throughput runs measure admission, not rejection: the daily limit is raised for everyone, and only the
            // flat allowance applies (the seed's design has nothing else; the smart rules are measured by the
            // limits simulation, `-- limits`).
            ["Pings:DailyLimit"] = "1000000",
            ["Limits:Preset"] = "Flat",
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var api = await ApiApplication.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await api.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, ClusterId, ClusterId));
        clientBuilder.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(30));
        var client = clientBuilder.Build();
        await client.StartAsync();

        return new PingActorsHost(api, client, new Uri($"http://127.0.0.1:{httpPort}"), signingKey, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _client.StopAsync();
        _client.Dispose();
        await _api.StopAsync();
        await _api.DisposeAsync();
    }
}
