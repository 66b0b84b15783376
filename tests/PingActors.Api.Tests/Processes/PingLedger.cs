using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// A client's ledger of a ping load: every ping carries an <c>Idempotency-Key</c>, an answer that does not
/// settle it (503, or the key still in flight) is followed by the same request with the same key, and every
/// answer is recorded, so the rows can be checked afterwards against what the client was told.
/// </summary>
internal sealed class PingLedger
{
    private const int MaxTries = 1_000;
    private static readonly TimeSpan _patience = TimeSpan.FromMinutes(1);
    private readonly ProcessCluster _cluster;
    private readonly TestDatabase _database;
    private readonly string _prefix;
    private readonly Guid[] _listings;
    private readonly (string Name, string Token)[] _senders;
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();
    private readonly ConcurrentQueue<LedgerAnswer> _answers = new();

    private PingLedger(ProcessCluster cluster, TestDatabase database, string prefix, Guid[] listings, (string Name, string Token)[] senders)
    {
        _cluster = cluster;
        _database = database;
        _prefix = prefix;
        _listings = listings;
        _senders = senders;
    }

    /// <summary>Every ping the load sent, as it settled.</summary>
    public IReadOnlyCollection<LedgerEntry> Entries => _entries;

    public int Attempts => _senders.Length * _listings.Length;

    /// <summary>
    /// Registers <paramref name="listings"/> listings, ten to an owner (so no owner is busy and only the senders'
    /// allowances refuse), and <paramref name="senders"/> senders, all with names no other ledger uses; its messages
    /// are its own too, so the rows can be told apart by them.
    /// </summary>
    public static async Task<PingLedger> PrepareAsync(ProcessCluster cluster, TestDatabase database, int senders, int listings)
    {
        var prefix = $"l{Guid.NewGuid():N}"[..10];
        var owners = await Task.WhenAll(Enumerable.Range(0, (listings + 9) / 10).Select(i => cluster.SignInAsync($"{prefix}-owner{i}")));
        var listingIds = await Task.WhenAll(Enumerable.Range(0, listings).Select(async i =>
        {
            var listingId = Guid.NewGuid();
            (await cluster.EnsureAsync(owners[i / 10], HttpMethod.Put, $"/v1/listings/{listingId}", new { title = $"Item {i}" })).Dispose();
            return listingId;
        }));
        var senderTokens = await Task.WhenAll(Enumerable.Range(0, senders).Select(async i => ($"{prefix}-{i}", await cluster.SignInAsync($"{prefix}-{i}"))));
        return new PingLedger(cluster, database, prefix, listingIds, senderTokens);
    }

    /// <summary>
    /// Sends one ping from every sender to every listing, from <paramref name="clients"/> concurrent clients.
    /// After each ping settles, its client awaits <paramref name="settled"/> with their count so far (1, 2, ...)
    /// before it goes on, so a test can start its fault between two of one client's pings while the others
    /// keep sending. <paramref name="beforeRetry"/> is awaited before a 503 is repeated; a key still in flight is
    /// repeated once its first request has finished (as the 409 asks).
    /// </summary>
    public async Task RunAsync(int clients, Func<int, Task> settled, Func<Task> beforeRetry)
    {
        var next = -1;
        var count = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var attempt = Interlocked.Increment(ref next); attempt < Attempts; attempt = Interlocked.Increment(ref next))
            {
                var (name, token) = _senders[attempt % _senders.Length];
                var message = $"Ledger {_prefix}, attempt {attempt}: is this still for sale?";
                _entries.Enqueue(await SendUntilSettledAsync(attempt, name, token, _listings[attempt / _senders.Length], message, beforeRetry));
                await settled(Interlocked.Increment(ref count));
            }
        }));
    }

    /// <summary>When the first 201 after <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp) came, measured from it.</summary>
    public TimeSpan? FirstAcknowledgedAfter(long timestamp) =>
        _answers.Where(a => a.Status == HttpStatusCode.Created && a.At >= timestamp).Select(a => a.At).Order().Cast<long?>().FirstOrDefault() is { } first
            ? Stopwatch.GetElapsedTime(timestamp, first)
            : null;

    /// <summary>
    /// One line for the test output: the figures of the README's reliability table; with <paramref name="backAt"/>
    /// (a <see cref="Stopwatch"/> timestamp: the server accepting connections again), how many 503s came after it.
    /// </summary>
    public string Report(string fault, TimeSpan? recovery, long? backAt = null)
    {
        var unavailable = _answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var afterBack = backAt is { } back ? string.Create(CultureInfo.InvariantCulture, $" ({unavailable.Count(a => a.At >= back)} after the server was back)") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{fault}: {Attempts} pings in {_answers.Count} requests; {Entries.Count(e => e.Status == HttpStatusCode.Created)} acknowledged and present, "
            + $"{Entries.Count(e => e.Status == HttpStatusCode.TooManyRequests)} refused and absent; "
            + $"{unavailable.Count} answers 503{afterBack}, {Entries.Count(e => e.Tries > 1)} pings needing more than one request; "
            + $"recovery {(recovery is { } r ? $"{r.TotalSeconds:0.00} s" : "n/a")}; longest wait for a settled answer {Entries.Max(e => e.Waited).TotalSeconds:0.00} s");
    }

    /// <summary>
    /// Checks the ledger against the rows: every ping settled as 201 or 429; every 201 is stored whole (ping,
    /// chat, first message, event); nothing answered 429 exists; every 503 came with Retry-After; no other 5xx;
    /// every sender has exactly <paramref name="dailyLimit"/> pings, all of them acknowledged; no ping in the
    /// database lacks its message, and no ping message its ping.
    /// </summary>
    public async Task VerifyAsync(int dailyLimit)
    {
        Assert.Equal(Attempts, _entries.Count);
        Assert.All(_answers, a => Assert.False(
            (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable, $"A ping was answered {(int)a.Status} {a.ProblemType}."));
        Assert.All(_answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.True(a.HasRetryAfter, "A 503 came without Retry-After."));
        Assert.All(_entries, e => Assert.True(
            e.Status is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, $"Attempt {e.Attempt} settled as {(int)e.Status} {e.ProblemType} ({e.Answers})."));

        foreach (var entry in _entries.Where(e => e.Status == HttpStatusCode.Created))
        {
            Assert.True(1L == await _database.ScalarAsync<long>("""
                SELECT count(*) FROM pings p
                JOIN chats c ON c.chat_id = p.chat_id AND c.sender = p.sender
                JOIN messages m ON m.chat_id = p.chat_id AND m.ping_id = p.ping_id AND m.body = p.message
                JOIN events e ON e.ping_id = p.ping_id AND e.event_type = 'ping.sent'
                WHERE p.ping_id = $1 AND p.sender = $2 AND p.message = $3
                """, entry.PingId, entry.Sender, entry.Message), $"Acknowledged attempt {entry.Attempt} ({entry.Answers}) is not stored whole.");
        }

        foreach (var entry in _entries.Where(e => e.Status == HttpStatusCode.TooManyRequests))
        {
            Assert.True(0L == await _database.ScalarAsync<long>(
                "SELECT count(*) FROM messages WHERE body = $1", entry.Message), $"Refused attempt {entry.Attempt} ({entry.Answers}) left a message.");
            Assert.True(0L == await _database.ScalarAsync<long>(
                "SELECT count(*) FROM pings WHERE message = $1", entry.Message), $"Refused attempt {entry.Attempt} ({entry.Answers}) left a ping.");
        }

        foreach (var (name, _) in _senders)
        {
            var stored = await _database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", name);
            Assert.Equal(_entries.Count(e => e.Sender == name && e.Status == HttpStatusCode.Created), stored);
            Assert.Equal(dailyLimit, stored);
        }

        // No partial ping anywhere: no ping without its message, no ping message without its ping.
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM pings p WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = p.chat_id AND m.ping_id = p.ping_id)"));
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM messages m WHERE m.ping_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pings p WHERE p.ping_id = m.ping_id)"));
    }

    private async Task<LedgerEntry> SendUntilSettledAsync(int attempt, string sender, string token, Guid listingId, string message, Func<Task> beforeRetry)
    {
        var key = Guid.NewGuid().ToString();
        var history = new List<string>();
        var started = Stopwatch.GetTimestamp();
        for (var tries = 1; ; tries++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            using var response = await _cluster.Http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var problemType = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("type", out var type) ? type.GetString()?.Split('/')[^1] : null;
            _answers.Enqueue(new LedgerAnswer(response.StatusCode, problemType, response.Headers.RetryAfter is not null, Stopwatch.GetTimestamp()));
            history.Add($"{(int)response.StatusCode} {problemType}".TrimEnd());
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && tries < MaxTries)
            {
                await beforeRetry();
                continue;
            }

            if (problemType == "idempotency-key-in-flight" && tries < MaxTries)
            {
                await Eventually.UntilAsync(async () => await _database.ScalarAsync<long>(
                    "SELECT count(*) FROM idempotency_keys WHERE username = $1 AND key = $2 AND locked_until IS NOT NULL AND status_code IS NULL",
                    sender, key) == 0, _patience, $"the first request of attempt {attempt} to finish");
                continue;
            }

            var pingId = response.StatusCode == HttpStatusCode.Created ? body.GetProperty("pingId").GetGuid() : Guid.Empty;
            return new LedgerEntry(attempt, sender, message, response.StatusCode, problemType, pingId, tries, string.Join(", ", history), Stopwatch.GetElapsedTime(started));
        }
    }
}
