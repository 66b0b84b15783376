using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PingActors.LocalPostgres;
using PingActors.Testing;
using Xunit.Abstractions;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// PostgreSQL failing under a client's load, on a real multi-process cluster: every answer the client got is
/// checked against the rows afterwards (acknowledged means stored whole, refused means absent, a 503 is settled
/// by repeating it with the same key), and nothing answers a 5xx but 503 with Retry-After. The tests share a
/// PostgreSQL server of their own, which each stops, kills or starts again, and a cluster on it
/// (<see cref="PostgresFaultFixture"/>): each test's senders and listings are its own, and each begins on a
/// running server, so one test's fault is the next one's recovery, as in a deployment that lives through several.
/// </summary>
public sealed class PostgresFaultTests(PostgresFaultFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresFaultFixture>, IAsyncLifetime
{
    private const int Senders = 6, Listings = 40, Clients = 16;

    /// <summary>The Npgsql application name of the group-commit writer's data source.</summary>
    private const string ApplicationName = PingActors.Storage.DataSourceNames.History;

    private static readonly TimeSpan _patience = TimeSpan.FromMinutes(1);

    /// <summary>A test that failed while the server was down has left it down: the next one starts it again first.</summary>
    public async Task InitializeAsync()
    {
        if (!fixture.Server.IsRunning)
        {
            await fixture.Server.StartAgainAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Load_WithPostgresRestarted_KeepsEveryAcknowledgedPingWhole_AndNothingItRefused() =>
        await RunWithOutageAsync("PostgreSQL restarted", () => fixture.Server.StopAsync());

    [Fact]
    public async Task Load_WithThePostmasterKilled_KeepsEveryAcknowledgedPingWhole_AndNothingItRefused() =>
        await RunWithOutageAsync("postmaster killed (-9)", () => fixture.Server.KillAsync());

    [Fact]
    public async Task Load_WithTheWritersConnectionTerminatedMidBatch_KeepsEveryAcknowledgedPingWhole_AndNothingItRefused()
    {
        var ledger = await PingLedger.PrepareAsync(fixture.Cluster, fixture.Database, Senders, Listings);

        // While the test holds this lock, every batch stops at its first insert into events: in the middle of its
        // statement, inside its transaction. The load starts against it, so every client is waiting on a batch.
        await using var blocker = await fixture.Database.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("LOCK TABLE events IN EXCLUSIVE MODE", blocker, hold))
        {
            await take.ExecuteNonQueryAsync();
        }

        var fault = Task.Run(async () =>
        {
            await Eventually.UntilAsync(async () => await WritersWaitingForAsync("events") > 0, _patience, "a batch to wait for the lock");
            var terminated = await fixture.Server.TerminateConnectionsAsync(fixture.Database.Name, ApplicationName, waitingForLockOn: "events");
            await hold.CommitAsync();
            return (terminated, Stopwatch.GetTimestamp());
        });

        await ledger.RunAsync(Clients, _ => Task.CompletedTask, () => Task.CompletedTask);
        var (terminated, releasedAt) = await fault;

        Assert.True(terminated > 0, "no writer's connection was terminated");
        await ledger.VerifyAsync(PostgresFaultFixture.DailyLimit);
        output.WriteLine(ledger.Report("writer's connection terminated mid-batch", ledger.FirstAcknowledgedAfter(releasedAt)));
    }

    [Fact]
    public async Task Ping_WhoseCommitOutcomeIsUnknown_Answers503WithRetryAfter_AndItsRetryFindsTheTruth()
    {
        var cluster = fixture.Cluster;
        var prefix = $"u{Guid.NewGuid():N}"[..10];
        var owner = await cluster.SignInAsync($"{prefix}-owner");
        var listingId = Guid.NewGuid();
        (await cluster.EnsureAsync(owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = "Lamp" })).Dispose();
        var senderName = $"{prefix}-sender";
        var sender = await cluster.SignInAsync(senderName);

        // The ping's batch waits for the lock mid-commit; then the database goes away at once, taking the answer
        // with it, and stays away while the writer tries to find out what became of the batch. The test before
        // this one may have restarted the server, and each of a process's pools meets one dead connection on its
        // first use after a restart (Npgsql then empties that pool). The ping's own statements run again when that
        // happens (LostConnections), but should a statement that is not repeated meet one, the ping is answered 503
        // before it reaches the lock. Nothing of it was written (its insert would have waited for the lock): it is
        // sent again, with a key of its own.
        string key;
        for (var attempt = 1; ; attempt++)
        {
            key = Guid.NewGuid().ToString();
            await using var blocker = await fixture.Database.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("LOCK TABLE pings IN EXCLUSIVE MODE", blocker, hold))
            {
                await take.ExecuteNonQueryAsync();
            }

            var sending = SendPingAsync(sender, listingId, key);
            try
            {
                await Eventually.UntilAsync(async () => sending.IsCompleted || await WritersWaitingForAsync("pings") > 0, _patience, "the ping's batch to wait for the lock");
            }
            catch (TimeoutException)
            {
                output.WriteLine($"the cluster's connections while the ping was in flight: {await ClusterActivityAsync()}");
                throw;
            }

            if (sending.IsCompleted)
            {
                using var early = await sending;
                Assert.True(early.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5,
                    $"The ping was answered {(int)early.StatusCode} before its batch reached the lock (attempt {attempt}).");
                output.WriteLine($"commit of unknown outcome: attempt {attempt} was answered 503 before it reached the lock (a connection from before the last restart)");
                continue;
            }

            await fixture.Server.StopAsync(ShutdownMode.Immediate);
            var stoppedAt = Stopwatch.GetTimestamp();

            using var answer = await sending;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.NotNull(answer.Headers.RetryAfter);
            output.WriteLine($"commit of unknown outcome: answered 503 {Stopwatch.GetElapsedTime(stoppedAt).TotalSeconds:0.00} s after the database stopped");
            break;
        }

        await fixture.Server.StartAgainAsync();
        var backAt = Stopwatch.GetTimestamp();
        var (retried, tries) = await SendUntilSettledAsync(senderName, sender, listingId, key);
        output.WriteLine($"commit of unknown outcome: the retry settled as {(int)retried.StatusCode} after {tries} request(s), {Stopwatch.GetElapsedTime(backAt).TotalSeconds:0.00} s after the database was back");

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var pingId = (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pingId").GetGuid();
        retried.Dispose();
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", senderName));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM messages WHERE ping_id = $1", pingId));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.sent'", pingId));
    }

    /// <summary>
    /// Runs the ledger's load; a sixth of the way in, while the load's pings still write, <paramref name="takeDown"/>
    /// takes PostgreSQL away until a client has felt it (a 503), then the server starts again. Clients repeat a
    /// 503 once the server is back.
    /// </summary>
    private async Task RunWithOutageAsync(string fault, Func<Task> takeDown)
    {
        var ledger = await PingLedger.PrepareAsync(fixture.Cluster, fixture.Database, Senders, Listings);
        var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var felt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var back = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var outage = Task.Run(async () =>
        {
            await down.Task;
            await felt.Task.WaitAsync(_patience);
            await fixture.Server.StartAgainAsync();
            back.SetResult(Stopwatch.GetTimestamp());
        });

        await ledger.RunAsync(
            Clients,
            async settled =>
            {
                // This client takes the server down before its next ping, which therefore meets the outage too.
                if (settled == ledger.Attempts / 6)
                {
                    await takeDown();
                    down.SetResult();
                }
            },
            async () =>
            {
                felt.TrySetResult();
                await back.Task;
            });
        await outage;

        await ledger.VerifyAsync(PostgresFaultFixture.DailyLimit);
        var backAt = await back.Task;
        var recovery = ledger.FirstAcknowledgedAfter(backAt);
        Assert.NotNull(recovery);
        output.WriteLine(ledger.Report(fault, recovery, backAt));
    }

    /// <summary>How many of the cluster's connections wait for a lock on <paramref name="table"/> (PostgreSQL has no notification for a lock wait).</summary>
    private async Task<long> WritersWaitingForAsync(string table) => await fixture.Database.ScalarAsync<long>("""
        SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND l.relation = to_regclass($1) AND a.application_name = $2
        """, table, ApplicationName);

    /// <summary>What each of the cluster's connections was doing, for a test that waited in vain.</summary>
    private async Task<string> ClusterActivityAsync() => await fixture.Database.ScalarAsync<string>("""
        SELECT coalesce(string_agg(format('%s %s %s/%s %s', application_name, state, wait_event_type, wait_event, left(query, 60)), '; '), 'none')
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
        """);

    private async Task<HttpResponseMessage> SendPingAsync(string token, Guid listingId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message = "Does the lamp work?" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        return await fixture.Cluster.Http.SendAsync(request);
    }

    /// <summary>Repeats the request with the same key while the answer is 503 or the key is still held by the first try.</summary>
    /// <summary>
    /// Repeats the request with the same key until it settles: at once after a 503, and after a 409
    /// <c>idempotency-key-in-flight</c> once the first request has let the key go.
    /// </summary>
    private async Task<(HttpResponseMessage Response, int Tries)> SendUntilSettledAsync(string sender, string token, Guid listingId, string key)
    {
        for (var tries = 1; ; tries++)
        {
            var response = await SendPingAsync(token, listingId, key);
            var inFlight = response.StatusCode == HttpStatusCode.Conflict
                && (await response.Content.ReadAsStringAsync()).Contains("idempotency-key-in-flight", StringComparison.Ordinal);
            if (!inFlight && response.StatusCode != HttpStatusCode.ServiceUnavailable || tries == 100)
            {
                return (response, tries);
            }

            response.Dispose();
            if (inFlight)
            {
                await Eventually.UntilAsync(async () => await fixture.Database.ScalarAsync<long>(
                    "SELECT count(*) FROM idempotency_keys WHERE username = $1 AND key = $2 AND locked_until IS NOT NULL AND status_code IS NULL",
                    sender, key) == 0, _patience, "the first request to let its key go");
            }
        }
    }
}
