using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PingActors.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PingActors.Api.Tests.Analytics;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>The real deployment shape: two Silo processes and an Api process in client mode, on one PostgreSQL.</summary>
public sealed class MultiProcessClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromMinutes(2);
    private readonly string _clusterId = $"mp-{Guid.NewGuid():N}";
    private readonly List<ChildProcess> _processes = [];
    private readonly List<IDisposable> _disposables = [];
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task HundredConcurrentPings_WithASiloKilledMidway_AdmitExactlyFiftyAndLoseNone()
    {
        var (silos, http) = await StartClusterAsync();
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

    [Fact]
    public async Task Load_WithASiloKilledMidway_KeepsEveryAcknowledgedPingWhole_AndNothingItRefused()
    {
        const int Limit = 20, Senders = 6, Attempts = 240, Clients = 16;
        var (silos, http) = await StartClusterAsync(new() { ["Pings__DailyLimit"] = $"{Limit}" });
        var owner = await SignInAsync(http, "ledger-owner");
        var listings = await Task.WhenAll(Enumerable.Range(0, Attempts / Senders).Select(async i =>
        {
            var listingId = Guid.NewGuid();
            (await Send(http, owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = $"Item {i}" })).EnsureSuccessStatusCode();
            return listingId;
        }));
        var senders = await Task.WhenAll(Enumerable.Range(0, Senders).Select(async i => (Name: $"ledger-{i}", Token: await SignInAsync(http, $"ledger-{i}"))));

        // Every attempt is one sender's ping to a listing they have not pinged yet, with a message no other
        // attempt uses, so the database can be asked about each one. The ledger is what the client was told.
        var ledger = new System.Collections.Concurrent.ConcurrentBag<(int Attempt, string Sender, string Message, HttpStatusCode Status, Guid PingId, bool AfterKill)>();
        var next = -1;
        var killedAt = Attempts / 3;
        var killed = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            for (var attempt = Interlocked.Increment(ref next); attempt < Attempts; attempt = Interlocked.Increment(ref next))
            {
                var sender = senders[attempt % Senders];
                var message = $"Ledger attempt {attempt}: is this still for sale?";
                var (status, pingId) = await SendUntilAnsweredAsync(http, sender.Token, listings[attempt / Senders], message);
                var afterKill = Volatile.Read(ref killed) == 1;
                ledger.Add((attempt, sender.Name, message, status, pingId, afterKill));
                if (ledger.Count == killedAt && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    silos[0].Process.KillHard();
                }
            }
        }));

        Assert.Equal(1, killed);
        Assert.Equal(Attempts, ledger.Count);
        var acknowledged = ledger.Where(e => e.Status == HttpStatusCode.Created).ToList();
        var refused = ledger.Where(e => e.Status != HttpStatusCode.Created).ToList();
        Assert.Contains(acknowledged, e => !e.AfterKill);
        Assert.Contains(acknowledged, e => e.AfterKill);
        Assert.All(refused, e => Assert.Equal((HttpStatusCode)429, e.Status));

        // Every 201 is stored whole: the ping, its chat, its first message and its event.
        foreach (var entry in acknowledged)
        {
            Assert.Equal(1L, await _database.ScalarAsync<long>("""
                SELECT count(*) FROM pings p
                JOIN chats c ON c.chat_id = p.chat_id AND c.sender = p.sender
                JOIN messages m ON m.chat_id = p.chat_id AND m.ping_id = p.ping_id AND m.body = p.message
                JOIN events e ON e.ping_id = p.ping_id AND e.event_type = 'ping.sent'
                WHERE p.ping_id = $1 AND p.sender = $2 AND p.message = $3
                """, entry.PingId, entry.Sender, entry.Message));
        }

        // Nothing the client was told had failed exists, and nobody is over their limit.
        foreach (var entry in refused)
        {
            Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE message = $1", entry.Message));
        }

        foreach (var (name, _) in senders)
        {
            var stored = await _database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", name);
            Assert.Equal(acknowledged.Count(e => e.Sender == name), stored);
            Assert.Equal(Limit, stored);
        }

        // No partial ping anywhere: no ping without its message, no ping message without its ping.
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM pings p WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = p.chat_id AND m.ping_id = p.ping_id)"));
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM messages m WHERE m.ping_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pings p WHERE p.ping_id = m.ping_id)"));
    }

    [Fact]
    public async Task TwoWorkers_OneKilledInTheMiddleOfABatch_ApplyEveryEventExactlyOnce()
    {
        // Each silo names its database sessions, so the test can see each one's worker in pg_stat_activity. Each
        // worker takes half the shards, so both can be in the middle of a batch at once.
        var (silos, http) = await StartClusterAsync(
            new() { ["Analytics__PollInterval"] = "00:00:00.100", ["Analytics__BatchSize"] = "40", ["Analytics__ShardsPerBatch"] = "8" },
            [
                new() { ["ConnectionStrings__Postgres"] = $"{_database.ConnectionString};Application Name=victim" },
                new() { ["ConnectionStrings__Postgres"] = $"{_database.ConnectionString};Application Name=survivor" },
            ]);

        // While the test holds this lock, a worker that has claimed a batch of events stops at its first write.
        await using var blocker = await _database.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE user_daily_stats IN EXCLUSIVE MODE", blocker))
        {
            await take.ExecuteNonQueryAsync();
        }

        var owner = await SignInAsync(http, "kill-owner");
        var listings = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var listingId = Guid.NewGuid();
            (await Send(http, owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = $"Item {i}" })).EnsureSuccessStatusCode();
            return listingId;
        }));
        var pings = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(s => listings.Select(listing => (Sender: $"kill-sender-{s}", Listing: listing)))
            .Chunk(20).Select(async chunk =>
            {
                var sent = new List<Guid>();
                foreach (var (sender, listing) in chunk)
                {
                    var token = await SignInAsync(http, sender);
                    var (status, pingId) = await SendUntilAnsweredAsync(http, token, listing);
                    Assert.Equal(HttpStatusCode.Created, status);
                    sent.Add(pingId);
                }

                return sent;
            }));
        foreach (var (pingId, i) in pings.SelectMany(p => p).Select((p, i) => (p, i)).Where(p => p.i % 3 == 0))
        {
            var answer = i % 2 == 0
                ? await Send(http, owner, HttpMethod.Post, $"/v1/pings/{pingId}/respond", new { message = "Yes." })
                : await Send(http, owner, HttpMethod.Post, $"/v1/pings/{pingId}/decline");
            answer.EnsureSuccessStatusCode();
        }

        // Both workers now hold a claimed batch, waiting on the lock. PostgreSQL has no notification for a lock
        // wait, so this one condition is polled.
        await PollAsync(async () => await _database.ScalarAsync<long>("""
            SELECT count(DISTINCT a.application_name) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND l.relation = 'user_daily_stats'::regclass AND a.application_name IN ('victim', 'survivor')
            """) == 2, "both workers to be in the middle of a batch");

        silos[0].Process.KillHard();
        await hold.CommitAsync();

        await using var signals = await DatabaseSignals.ListenAsync(_database.ConnectionString, PingActors.Analytics.AnalyticsProcessor.Channel);
        await signals.UntilAsync(
            async () => await _database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events") == 0,
            TimeSpan.FromMinutes(1), "the surviving worker to apply every event");

        // Exactly once: the incrementally built figures are those a rebuild from the ping rows gives.
        var incremental = await AggregateSnapshot.TakeAsync(_database);
        await using var database = NpgsqlDataSource.Create(_database.ConnectionString);
        await new PingActors.Analytics.AnalyticsRebuilder(database, TimeProvider.System, NullLogger<PingActors.Analytics.AnalyticsRebuilder>.Instance).RebuildAsync();
        Assert.Equal(await AggregateSnapshot.TakeAsync(_database), incremental);
        Assert.Equal(200, await _database.ScalarAsync<int>("SELECT sum(pings_sent)::int FROM user_daily_stats"));
    }

    /// <summary>Checks <paramref name="condition"/> every 50 ms until it holds (for what the database cannot notify).</summary>
    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"Waited a minute for {what}.");
            }

            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>Sends one ping; a 503 (the cluster still healing) is repeated with the same Idempotency-Key, as a careful client would.</summary>
    private static async Task<(HttpStatusCode Status, Guid PingId)> SendUntilAnsweredAsync(HttpClient http, string token, Guid listingId, string message = "Still for sale?")
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message }) };
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

    /// <summary>Two silos and an API in client mode, all started and ready.</summary>
    private async Task<((ChildProcess Process, int SiloPort)[] Silos, HttpClient Http)> StartClusterAsync(
        Dictionary<string, string>? settings = null, Dictionary<string, string>[]? siloSettings = null)
    {
        var silos = new[] { StartSilo(Merge(settings, siloSettings?[0])), StartSilo(Merge(settings, siloSettings?[1])) };
        foreach (var (process, _) in silos)
        {
            await process.WaitForOutputAsync("Application started", _startTimeout);
        }

        var apiPort = Repository.FreePort();
        var api = Start("PingActors.Api", apiPort, new(settings ?? []) { ["Cluster__Mode"] = "client" });
        await api.WaitForOutputAsync("Application started", _startTimeout);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        _disposables.Add(http);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        return (silos, http);
    }

    private static Dictionary<string, string> Merge(Dictionary<string, string>? shared, Dictionary<string, string>? own)
    {
        var merged = new Dictionary<string, string>(shared ?? []);
        foreach (var (key, value) in own ?? [])
        {
            merged[key] = value;
        }

        return merged;
    }

    private (ChildProcess Process, int SiloPort) StartSilo(Dictionary<string, string>? settings)
    {
        var siloPort = Repository.FreePort();
        var process = Start("PingActors.Silo", Repository.FreePort(), new(settings ?? [])
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
            ["Auth__AllowDevTokensOutsideDevelopment"] = "true",
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
