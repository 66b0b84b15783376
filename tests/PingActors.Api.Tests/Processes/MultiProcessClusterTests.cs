using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PingActors.Api.Tests.Analytics;
using PingActors.Testing;
using Xunit.Abstractions;

namespace PingActors.Api.Tests.Processes;

/// <summary>The real deployment shape: two Silo processes and an Api process in client mode, on one PostgreSQL.</summary>
public sealed class MultiProcessClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<ProcessCluster> _clusters = [];
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            cluster.Dispose();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task HundredConcurrentPings_WithASiloKilledMidway_AdmitExactlyFiftyAndLoseNone()
    {
        var cluster = await StartClusterAsync();
        var http = cluster.Http;
        var owner = await cluster.SignInAsync("mp-owner");
        var listings = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var listingId = Guid.NewGuid();
            (await cluster.EnsureAsync(owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = $"Item {i}" })).Dispose();
            return listingId;
        }));
        var sender = await cluster.SignInAsync("mp-sender");

        // The silo that holds the sender's grain is the one that dies.
        var victim = await cluster.SiloOfUserAsync("mp-sender");
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
            Assert.Equal(HttpStatusCode.OK, (await cluster.SendAsync(sender, HttpMethod.Get, $"/v1/pings/{ping.PingId}")).StatusCode);
        }

        var listed = await (await cluster.SendAsync(sender, HttpMethod.Get, "/v1/pings?box=sent&limit=100")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(admitted.Select(p => p.PingId).Order(), listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("pingId").GetGuid()).Order());
    }

    [Fact]
    public async Task Load_WithASiloKilledMidway_KeepsEveryAcknowledgedPingWhole_AndNothingItRefused()
    {
        const int Limit = 20, Senders = 6, Listings = 40, Clients = 16;
        var cluster = await StartClusterAsync(new() { ["Pings__DailyLimit"] = $"{Limit}" });
        var ledger = await PingLedger.PrepareAsync(cluster, _database, Senders, Listings);

        // A third of the way in, the first silo dies; its grains live again on the other. The API repeats what it
        // safely can, and the client a 503, at once.
        var killedAt = 0L;
        await ledger.RunAsync(
            Clients,
            settled =>
            {
                if (settled == ledger.Attempts / 3)
                {
                    // Stamped as the kill is issued: killing a process tree first lists every process on the
                    // machine, and the other clients, still sending meanwhile, could finish every ping left to
                    // acknowledge before a stamp taken afterwards.
                    killedAt = Stopwatch.GetTimestamp();
                    cluster.Silos[0].Process.KillHard();
                }

                return Task.CompletedTask;
            },
            () => Task.CompletedTask);

        Assert.NotEqual(0L, killedAt);
        await ledger.VerifyAsync(Limit);
        var recovery = ledger.FirstAcknowledgedAfter(killedAt);
        Assert.NotNull(recovery);
        output.WriteLine(ledger.Report("silo killed (-9)", recovery));
    }

    [Fact]
    public async Task TwoWorkers_OneKilledInTheMiddleOfABatch_ApplyEveryEventExactlyOnce()
    {
        // Each silo names its database sessions, so the test can see each one's worker in pg_stat_activity. Each
        // worker takes half the shards, so both can be in the middle of a batch at once.
        var cluster = await StartClusterAsync(
            // One owner takes all 200 pings here: the flat allowance keeps the busy-owner rule out of a test of the workers.
            new() { ["Analytics__PollInterval"] = "00:00:00.100", ["Analytics__BatchSize"] = "40", ["Analytics__ShardsPerBatch"] = "8", ["Limits__Preset"] = "Flat" },
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

        var http = cluster.Http;
        var owner = await cluster.SignInAsync("kill-owner");
        var listings = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var listingId = Guid.NewGuid();
            (await cluster.EnsureAsync(owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = $"Item {i}" })).Dispose();
            return listingId;
        }));
        var pings = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(s => listings.Select(listing => (Sender: $"kill-sender-{s}", Listing: listing)))
            .Chunk(20).Select(async chunk =>
            {
                var sent = new List<Guid>();
                foreach (var (sender, listing) in chunk)
                {
                    var token = await cluster.SignInAsync(sender);
                    var (status, pingId) = await SendUntilAnsweredAsync(http, token, listing);
                    Assert.Equal(HttpStatusCode.Created, status);
                    sent.Add(pingId);
                }

                return sent;
            }));
        foreach (var (pingId, i) in pings.SelectMany(p => p).Select((p, i) => (p, i)).Where(p => p.i % 3 == 0))
        {
            var answer = i % 2 == 0
                ? await cluster.SendAsync(owner, HttpMethod.Post, $"/v1/pings/{pingId}/respond", new { message = "Yes." })
                : await cluster.SendAsync(owner, HttpMethod.Post, $"/v1/pings/{pingId}/decline");
            answer.EnsureSuccessStatusCode();
        }

        // Both workers now hold a claimed batch, waiting on the lock. PostgreSQL has no notification for a lock
        // wait, so this one condition is polled.
        await Eventually.UntilAsync(async () => await _database.ScalarAsync<long>("""
            SELECT count(DISTINCT a.application_name) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND l.relation = 'user_daily_stats'::regclass AND a.application_name IN ('victim', 'survivor')
            """) == 2, TimeSpan.FromMinutes(1), "both workers to be in the middle of a batch");

        cluster.Silos[0].Process.KillHard();
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

    /// <summary>Two silos and an API in client mode, all started and ready.</summary>
    private async Task<ProcessCluster> StartClusterAsync(Dictionary<string, string>? settings = null, Dictionary<string, string>[]? siloSettings = null)
    {
        var cluster = await ProcessCluster.StartAsync(_database.ConnectionString, settings, siloSettings);
        _clusters.Add(cluster);
        return cluster;
    }
}
