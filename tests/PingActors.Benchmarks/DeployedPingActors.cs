using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PingActors.Benchmarks.Systems;
using PingActors.Testing.Processes;

namespace PingActors.Benchmarks;

/// <summary>
/// PingActors in the shape the compose file deploys: a silo process, and an API node in client mode that serves
/// HTTP and reaches the silo through the membership table, on the benchmark's database. The insight-reads measure
/// reads from its API node; unlike <see cref="PingActorsHost"/>, that process holds no grains, so the silo's
/// garbage collections are not the reads'.
/// </summary>
internal sealed class DeployedPingActors : IDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromMinutes(2);
    private readonly List<ChildProcess> _processes;

    private readonly string _signingKey;

    private DeployedPingActors(Uri address, string signingKey, List<ChildProcess> processes)
    {
        Address = address;
        Http = PingActorsHost.HttpClientFor(address);
        _signingKey = signingKey;
        _processes = processes;
    }

    /// <summary>The API node's HTTP address.</summary>
    public Uri Address { get; }

    /// <summary>An HTTP client for the API node.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the silo, then the API node, with the benchmark host's settings (<paramref name="signingKey"/> signs the tokens both accept).</summary>
    public static async Task<DeployedPingActors> StartAsync(string connectionString, string signingKey)
    {
        var clusterId = $"pingactors-deployed-{Guid.NewGuid():N}";
        Dictionary<string, string> shared = new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Auth__SigningKey"] = signingKey,
            ["Auth__DevTokens"] = "false",
            ["Embedded__Enabled"] = "false",
            // As the benchmark host: only the flat allowance applies, raised for everyone (see PingActorsHost).
            ["Pings__DailyLimit"] = "1000000",
            ["Limits__Preset"] = "Flat",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        var processes = new List<ChildProcess>();
        try
        {
            processes.Add(await ChildProcess.StartListeningAsync(() => Start("PingActors.Silo", new(shared)
            {
                ["Urls"] = $"http://127.0.0.1:{Text(Repository.FreePort())}",
                ["Cluster__SiloPort"] = Text(Repository.FreePort()),
                ["Cluster__GatewayPort"] = Text(Repository.FreePort()),
            }), "Application started", _startTimeout));
            Uri? address = null;
            processes.Add(await ChildProcess.StartListeningAsync(() =>
            {
                address = new Uri($"http://127.0.0.1:{Text(Repository.FreePort())}");
                return Start("PingActors.Api", new(shared) { ["Urls"] = address.ToString(), ["Cluster__Mode"] = "client" });
            }, "Application started", _startTimeout));
            return new DeployedPingActors(address!, signingKey, processes);
        }
        catch
        {
            Stop(processes);
            throw;
        }
    }

    /// <summary>
    /// Registers the workload's listings through the API node (<c>PUT /v1/listings/{id}</c>, as each owner). The
    /// deployed cluster has a service id of its own, so it sees none of the benchmark host's grain state.
    /// </summary>
    public async Task RegisterListingsAsync(IReadOnlyList<(Guid Id, string Owner)> listings)
    {
        var tokens = new ConcurrentDictionary<string, string>();
        await Concurrently.ForEachAsync(listings, 32, async listing =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/listings/{listing.Id}") { Content = JsonContent.Create(new { title = "A thing for sale" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetOrAdd(listing.Owner, owner => HttpSystem.TokenFor(_signingKey, owner)));
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        });
    }

    /// <summary>
    /// Activates every user's grain (<c>GET /v1/me/limits</c> as each), as the benchmark host's earlier measures left
    /// its own warm: a fresh cluster's first pings would otherwise measure activations, not pings.
    /// </summary>
    public async Task WarmUpAsync(IReadOnlyList<string> users, Action<double>? progress = null) =>
        await Concurrently.ForEachAsync(users, 32, async user =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/limits");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HttpSystem.TokenFor(_signingKey, user));
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }, progress);

    public void Dispose()
    {
        Http.Dispose();
        Stop(_processes);
    }

    private static void Stop(List<ChildProcess> processes)
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            process.Dispose();
        }
    }

    private static ChildProcess Start(string project, Dictionary<string, string> environment) =>
        ChildProcess.Start("dotnet", [Repository.HostAssembly(project)], Repository.Root, environment);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
