using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PingActors.Hosting;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>The real deployment shape: two Silo processes and an Api process in client mode, on one PostgreSQL.</summary>
internal sealed class ProcessCluster : IDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromMinutes(2);
    private readonly string _connectionString;
    private readonly Dictionary<string, string> _settings;
    private readonly Dictionary<string, string>[] _siloSettings;
    private readonly List<ChildProcess> _processes = [];

    private ProcessCluster(string connectionString, Dictionary<string, string> settings, Dictionary<string, string>[] siloSettings)
    {
        _connectionString = connectionString;
        _settings = settings;
        _siloSettings = siloSettings;
    }

    public string ClusterId { get; } = $"mp-{Guid.NewGuid():N}";

    public (ChildProcess Process, int SiloPort)[] Silos { get; private set; } = [];

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Starts two silos and an API in client mode, and waits until all are ready.</summary>
    /// <param name="settings">Settings (environment variables) for every process.</param>
    /// <param name="siloSettings">Settings for the first and the second silo only.</param>
    public static async Task<ProcessCluster> StartAsync(
        string connectionString, Dictionary<string, string>? settings = null, Dictionary<string, string>[]? siloSettings = null)
    {
        var cluster = new ProcessCluster(connectionString, settings ?? [], siloSettings ?? [[], []]);
        try
        {
            await cluster.StartProcessesAsync();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Stops the API and the silos as a service manager would, then starts them again (grains come back from the database).</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        foreach (var process in _processes)
        {
            await process.StopAsync(TimeSpan.FromMinutes(1));
            process.Dispose();
        }

        _processes.Clear();
        await StartProcessesAsync();
    }

    /// <summary>A development token for <paramref name="username"/>.</summary>
    public async Task<string> SignInAsync(string username, params string[] roles)
    {
        var response = await Http.PostAsJsonAsync("/v1/dev/token", new { username, roles });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    /// <summary>
    /// Sends a request of a test's setup, which must succeed. A 503 (the cluster still recovering from an earlier
    /// test's fault: each of a process's pools meets one dead connection after a restart) is sent again, a few times.
    /// </summary>
    public async Task<HttpResponseMessage> EnsureAsync(string token, HttpMethod method, string path, object? body = null)
    {
        for (var tries = 1; ; tries++)
        {
            var response = await SendAsync(token, method, path, body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || tries == 20)
            {
                Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return response;
            }

            response.Dispose();
        }
    }

    /// <summary>Asks the cluster (as a client of its own) which silo process holds the user's grain.</summary>
    public async Task<ChildProcess> SiloOfUserAsync(string username)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Postgres"] = _connectionString;
        builder.UseOrleansClient(client =>
        {
            client.UsePingActorsClustering();
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (ClusterId, ClusterId));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        await grains.GetGrain<Users.IUserGrain>(username).GetAllowanceAsync();
        var activations = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var silo = activations.Single(a => a.GrainId == GrainId.Create("user", username)).SiloAddress;
        await host.StopAsync();
        return Silos.Single(s => s.SiloPort == silo.Endpoint.Port).Process;
    }

    public void Dispose()
    {
        Http?.Dispose();
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }

    private async Task StartProcessesAsync()
    {
        Silos = await Task.WhenAll(StartSiloAsync(Merge(_settings, _siloSettings[0])), StartSiloAsync(Merge(_settings, _siloSettings[1])));
        var apiPort = 0;
        await StartListeningAsync(() => Start("PingActors.Api", apiPort = Repository.FreePort(), new(_settings) { ["Cluster__Mode"] = "client" }));
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/ready")).StatusCode);
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string> shared, Dictionary<string, string> own)
    {
        var merged = new Dictionary<string, string>(shared);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }

        return merged;
    }

    private async Task<(ChildProcess Process, int SiloPort)> StartSiloAsync(Dictionary<string, string> settings)
    {
        var siloPort = 0;
        var process = await StartListeningAsync(() => Start("PingActors.Silo", Repository.FreePort(), new(settings)
        {
            ["Cluster__SiloPort"] = (siloPort = Repository.FreePort()).ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = Repository.FreePort().ToString(CultureInfo.InvariantCulture),
        }));
        return (process, siloPort);
    }

    /// <summary>Starts a process on fresh ports, again if one was taken meanwhile, and keeps it to stop with the cluster.</summary>
    private async Task<ChildProcess> StartListeningAsync(Func<ChildProcess> start)
    {
        var process = await ChildProcess.StartListeningAsync(start, "Application started", _startTimeout);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private ChildProcess Start(string project, int httpPort, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__Postgres"] = _connectionString,
            ["Cluster__ClusterId"] = ClusterId,
            ["Cluster__ServiceId"] = ClusterId,
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // A killed silo is declared dead within seconds.
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Cluster__Messaging__ResponseTimeout"] = "00:00:05",
            ["Auth__SigningKey"] = "multi-process-test-signing-key-32-bytes-long",
            ["Auth__DevTokens"] = "true",
            ["Auth__AllowDevTokensOutsideDevelopment"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return ChildProcess.Start("dotnet", [Repository.HostAssembly(project)], Repository.Root, environment);
    }
}
