using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PingActors.Hosting;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>The real deployment shape: two Silo processes and an Api process in client mode, on one PostgreSQL.</summary>
public sealed class MultiProcessClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromMinutes(2);
    private readonly string _clusterId = $"mp-{Guid.NewGuid():N}";
    private readonly List<ChildProcess> _processes = [];
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task HundredConcurrentPings_WithASiloKilledMidway_AdmitExactlyFiftyAndLoseNone()
    {
        var silos = new[] { StartSilo(), StartSilo() };
        foreach (var (process, _) in silos)
        {
            await process.WaitForOutputAsync("Application started", _startTimeout);
        }

        var apiPort = Repository.FreePort();
        var api = Start("PingActors.Api", apiPort, new() { ["Cluster__Mode"] = "client" });
        await api.WaitForOutputAsync("Application started", _startTimeout);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        var owner = await SignInAsync(http, "mp-owner");
        var listings = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var listingId = Guid.NewGuid();
            (await Send(http, owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = $"Item {i}" })).EnsureSuccessStatusCode();
            return listingId;
        }));
        var sender = await SignInAsync(http, "mp-sender");

        // The silo that holds the sender's grain is the one that dies.
        var victim = await SiloOfUserAsync("mp-sender", silos);
        var answered = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = listings.Select(async listingId =>
        {
            await start.Task;
            var result = await SendUntilAnsweredAsync(http, sender, listingId);
            if (Interlocked.Increment(ref answered) == 20)
            {
                victim.KillHard();
                killed.SetResult();
            }

            return result;
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(sends);
        await killed.Task;

        var admitted = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
        Assert.Equal(50, admitted.Count);
        Assert.Equal(50, results.Count(r => r.Status == (HttpStatusCode)429));
        Assert.Equal(50L, await _database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = 'mp-sender'"));
        foreach (var ping in admitted)
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(http, sender, HttpMethod.Get, $"/v1/pings/{ping.PingId}")).StatusCode);
        }

        var listed = await (await Send(http, sender, HttpMethod.Get, "/v1/pings?box=sent&limit=100")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(admitted.Select(p => p.PingId).Order(), listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("pingId").GetGuid()).Order());
    }

    /// <summary>Sends one ping; a 503 (the cluster still healing) is repeated with the same Idempotency-Key, as a careful client would.</summary>
    private static async Task<(HttpStatusCode Status, Guid PingId)> SendUntilAnsweredAsync(HttpClient http, string token, Guid listingId)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message = "Still for sale?" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 50)
            {
                continue;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, response.StatusCode == HttpStatusCode.Created ? body.GetProperty("pingId").GetGuid() : Guid.Empty);
        }
    }

    private (ChildProcess Process, int SiloPort) StartSilo()
    {
        var siloPort = Repository.FreePort();
        var process = Start("PingActors.Silo", Repository.FreePort(), new()
        {
            ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = Repository.FreePort().ToString(CultureInfo.InvariantCulture),
        });
        return (process, siloPort);
    }

    private ChildProcess Start(string project, int httpPort, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__Postgres"] = _database.ConnectionString,
            ["Cluster__ClusterId"] = _clusterId,
            ["Cluster__ServiceId"] = _clusterId,
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // A killed silo is declared dead within seconds.
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Cluster__Messaging__ResponseTimeout"] = "00:00:05",
            ["Auth__SigningKey"] = "multi-process-test-signing-key-32-bytes-long",
            ["Auth__DevTokens"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var process = ChildProcess.Start("dotnet", [Repository.HostAssembly(project)], Repository.Root, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>Asks the cluster (as a client of its own) which silo process holds the user's grain.</summary>
    private async Task<ChildProcess> SiloOfUserAsync(string username, (ChildProcess Process, int SiloPort)[] silos)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Postgres"] = _database.ConnectionString;
        builder.UseOrleansClient(client =>
        {
            client.UsePingActorsClustering();
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (_clusterId, _clusterId));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        await grains.GetGrain<Users.IUserGrain>(username).GetAllowanceAsync();
        var activations = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var silo = activations.Single(a => a.GrainId == GrainId.Create("user", username)).SiloAddress;
        await host.StopAsync();
        return silos.Single(s => s.SiloPort == silo.Endpoint.Port).Process;
    }

    private static async Task<string> SignInAsync(HttpClient http, string username)
    {
        var response = await http.PostAsJsonAsync("/v1/dev/token", new { username });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
