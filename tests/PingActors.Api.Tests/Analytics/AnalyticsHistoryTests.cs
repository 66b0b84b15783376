using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PingActors.Analytics;
using PingActors.Api.Analytics;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Analytics;

/// <summary>The figures over a generated history of 5,000+ pings, against SQL over the ping rows themselves.</summary>
[Collection(HistoryCollection.Name)]
public sealed class AnalyticsHistoryTests(HistoryFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task History_IsTheSizeItClaims_AndHasEveryOutcome()
    {
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings") >= HistoryFixture.MinimumPings);
        Assert.Equal(HistoryFixture.Days, await fixture.Database.ScalarAsync<long>("SELECT count(DISTINCT (created_at AT TIME ZONE 'UTC')::date) FROM pings"));
        foreach (var status in (string[])["responded", "declined", "withdrawn", "expired"])
        {
            Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE status = $1", status) > 100, status);
        }

        // Responses fall in every bucket of the histogram's interest, within the hour up to more than a day.
        Assert.Equal(4L, await fixture.Database.ScalarAsync<long>("""
            SELECT count(DISTINCT CASE WHEN took < interval '1 hour' THEN 1 WHEN took < interval '6 hours' THEN 2
                                       WHEN took < interval '24 hours' THEN 3 ELSE 4 END)
            FROM (SELECT responded_at - created_at AS took FROM pings WHERE status = 'responded') responses
            """));
    }

    [Fact]
    public async Task UserStats_OfEveryUser_EqualSqlOverThePings()
    {
        var queries = fixture.Services.GetRequiredService<AnalyticsQueries>();
        var checkedWithResponses = 0;
        foreach (var user in fixture.Users)
        {
            var stats = await queries.GetUserStatsAsync(user);
            var expected = await UserStatsBySqlAsync(user, stats.From, stats.To);
            Assert.Equal(expected, stats with { ResponseRate = Round(stats.ResponseRate) });
            checkedWithResponses += stats.ResponseTimeBucket is null ? 0 : 1;
        }

        Assert.True(checkedWithResponses >= HistoryFixture.Days / 4, "too few users have a response-time bucket to check it");
    }

    [Fact]
    public async Task ListingStats_OfEveryListing_EqualSqlOverThePings()
    {
        var queries = fixture.Services.GetRequiredService<AnalyticsQueries>();
        foreach (var listing in fixture.Listings)
        {
            Assert.Equal(await ListingStatsBySqlAsync(listing), await queries.GetListingStatsAsync(listing));
        }
    }

    [Fact]
    public async Task StatsEndpoints_ServeTheFigures_ToAnySignedInUser()
    {
        var reader = await fixture.SignInAsync(ApiFixture.NewUser("reader"));
        var user = fixture.Users[0];
        var stats = await JsonAsync(await reader.GetAsync($"/v1/users/{user}/stats"));
        var expected = await fixture.Services.GetRequiredService<AnalyticsQueries>().GetUserStatsAsync(user);
        Assert.Equal(expected.PingsReceived, stats.GetProperty("pingsReceived").GetInt64());
        Assert.Equal(expected.PingsSent, stats.GetProperty("pingsSent").GetInt64());
        Assert.Equal(expected.ResponseRate, stats.GetProperty("responseRate").GetDouble());
        Assert.Equal(expected.MedianResponseMinutes, stats.GetProperty("medianResponseMinutes").GetInt32());
        Assert.Equal(expected.ResponseTimeBucket, stats.GetProperty("responseTimeBucket").GetString());
        Assert.Equal(expected.Declined, stats.GetProperty("declined").GetInt64());
        Assert.Equal(expected.Expired, stats.GetProperty("expired").GetInt64());
        Assert.Equal(expected.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), stats.GetProperty("from").GetString());

        var listing = await JsonAsync(await reader.GetAsync($"/v1/listings/{fixture.Listings[0]}/stats"));
        var expectedListing = await fixture.Services.GetRequiredService<AnalyticsQueries>().GetListingStatsAsync(fixture.Listings[0]);
        Assert.Equal(
            (expectedListing.Pings, expectedListing.Pending, expectedListing.Responded, expectedListing.MedianResponseMinutes),
            (listing.GetProperty("pings").GetInt32(), listing.GetProperty("pending").GetInt32(), listing.GetProperty("responded").GetInt32(),
                (int?)listing.GetProperty("medianResponseMinutes").GetInt32()));
    }

    [Fact]
    public async Task StatsEndpoints_RefuseBadInput_WithProblems()
    {
        var reader = await fixture.SignInAsync(ApiFixture.NewUser("reader"));
        await AssertProblemAsync(await fixture.Anonymous().GetAsync($"/v1/users/{fixture.Users[0]}/stats"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertInvalidAsync(await reader.GetAsync("/v1/users/NOT%20A%20NAME/stats"), "username");
        await AssertProblemAsync(await reader.GetAsync($"/v1/listings/{Guid.NewGuid()}/stats"), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await reader.GetAsync("/v1/listings/not-a-guid/stats"), HttpStatusCode.BadRequest, "validation");

        // A user nobody has pinged and who pinged nobody: zeros, and nothing to say about response times.
        var nobody = await JsonAsync(await reader.GetAsync($"/v1/users/{ApiFixture.NewUser("quiet")}/stats"));
        Assert.Equal(0, nobody.GetProperty("pingsReceived").GetInt64());
        Assert.Equal(JsonValueKind.Null, nobody.GetProperty("responseRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, nobody.GetProperty("medianResponseMinutes").ValueKind);
        Assert.Equal(JsonValueKind.Null, nobody.GetProperty("responseTimeBucket").ValueKind);
    }

    [Fact]
    public async Task Rebuild_OverHttp_ReportsProgress_AndGivesTheAggregatesIncrementalProcessingGave()
    {
        var before = await SnapshotAsync();
        var admin = await fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        await AssertProblemAsync(await (await fixture.SignInAsync(ApiFixture.NewUser())).PostAsync("/v1/admin/analytics/rebuild", null), HttpStatusCode.Forbidden, "forbidden");

        var started = await admin.PostAsync("/v1/admin/analytics/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/v1/admin/analytics/rebuild", started.Headers.Location?.OriginalString);
        var status = await JsonAsync(started);
        Assert.Equal("running", status.GetProperty("state").GetString());
        var total = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings");
        Assert.Equal(total, status.GetProperty("total").GetInt64());

        await fixture.Services.GetRequiredService<AnalyticsRebuilds>().Completion!;
        var done = await JsonAsync(await admin.GetAsync("/v1/admin/analytics/rebuild"));
        Assert.Equal(("succeeded", total, total), (done.GetProperty("state").GetString(), done.GetProperty("pings").GetInt64(), done.GetProperty("total").GetInt64()));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Rebuild_WithPingsCommittingAroundIt_CountsEveryPingOnce()
    {
        // The first ping's transaction is still open when the rebuild takes its snapshot, so the watermarks cannot
        // pass it; the second committed after the first began, so the snapshot sees it although it sorts after.
        var (listing, owner) = (Guid.CreateVersion7(), ApiFixture.NewUser("owner"));
        await using var first = await fixture.Database.OpenAsync();
        await using var open = await first.BeginTransactionAsync();
        await WritePingAsync(first, listing, owner, takeClock: false);
        await using (var second = await fixture.Database.OpenAsync())
        {
            await WritePingAsync(second, listing, owner);
        }

        await using var signals = await DatabaseSignals.ListenAsync(fixture.Database.ConnectionString, AnalyticsProcessor.Channel);
        var rebuilder = fixture.Services.GetRequiredService<AnalyticsRebuilder>();
        await rebuilder.RebuildAsync();
        await open.CommitAsync();
        await signals.UntilAsync(
            async () => await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events") == 0,
            TimeSpan.FromMinutes(1), "the workers to apply the pings the rebuild left to them");

        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>("SELECT sum(pings_received) FROM user_daily_stats WHERE username = $1", owner));
        var stats = await fixture.Services.GetRequiredService<AnalyticsQueries>().GetListingStatsAsync(listing);
        Assert.Equal((2, 2), (stats.Pings, stats.Pending));
        var incremental = await SnapshotAsync();
        await rebuilder.RebuildAsync();
        Assert.Equal(incremental, await SnapshotAsync());
    }

    [Fact]
    public async Task Rebuild_WhileAnotherRuns_IsRefused()
    {
        var admin = await fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        await using var elsewhere = await fixture.Database.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(5259521)", elsewhere))
        {
            await take.ExecuteNonQueryAsync(); // the rebuild lock, as another process's rebuild would hold it
        }

        await AssertProblemAsync(await admin.PostAsync("/v1/admin/analytics/rebuild", null), HttpStatusCode.Conflict, "rebuild-running");
        await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(5259521)", elsewhere);
        await release.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Rebuild_FromTheCommandLine_GivesTheSameAggregates()
    {
        var before = await SnapshotAsync();
        using var process = ChildProcess.Start("dotnet", [Repository.HostAssembly("PingActors.Silo"), "rebuild-analytics"], Repository.Root, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = fixture.Database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, process.Output);
        Assert.Contains("Rebuilt the analytics from", process.Output, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Prune_DeletesProcessedEventsPastTheRetention_AndKeepsTheRest()
    {
        // Event ids carry the millisecond they were made in: put "now" one retention after the middle event's.
        var middle = await fixture.Database.ScalarAsync<Guid>(
            "SELECT event_id FROM events ORDER BY event_id OFFSET (SELECT count(*) / 2 FROM events) LIMIT 1");
        var bytes = middle.ToByteArray(bigEndian: true);
        var madeAt = DateTimeOffset.FromUnixTimeMilliseconds(bytes[..6].Aggregate(0L, (ms, b) => (ms << 8) | b));
        var bound = new Guid([.. bytes[..6], .. new byte[10]], bigEndian: true);
        var retention = TimeSpan.FromDays(7);
        var older = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE event_id < $1 AND event_id NOT IN (SELECT event_id FROM unprocessed_events)", bound);
        var total = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events");
        await using var database = NpgsqlDataSource.Create(fixture.Database.ConnectionString);
        using var processor = new AnalyticsProcessor(
            database, Options.Create(new AnalyticsOptions { EventRetention = retention }), new FakeTimeProvider(madeAt + retention), NullLogger<AnalyticsProcessor>.Instance);

        var pruned = await processor.PruneAsync();

        Assert.True(older > 0 && older < total);
        Assert.Equal(older, pruned);
        Assert.Equal(total - older, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE event_id < $1", bound));
    }

    [Fact]
    public async Task ReadinessDetails_ShowTheAnalyticsBacklog()
    {
        var ready = await JsonAsync(await fixture.Anonymous().GetAsync("/health/ready"));
        var analytics = ready.GetProperty("checks").GetProperty("analytics");
        Assert.Equal("Healthy", analytics.GetProperty("status").GetString());
        var data = analytics.GetProperty("data");
        Assert.True(data.GetProperty("lagSeconds").GetDouble() >= 0);
        Assert.True(data.GetProperty("unprocessedEvents").GetInt64() >= 0);
        Assert.True(data.GetProperty("appliedPerSecond").GetDouble() >= 0);
    }

    private async Task<UserStats> UserStatsBySqlAsync(string user, DateOnly from, DateOnly to)
    {
        await using var connection = await fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH mine AS (
                SELECT *, floor(extract(epoch FROM responded_at - created_at))::bigint / 60 AS minutes
                FROM pings WHERE (sender = $1 OR receiver = $1) AND (created_at AT TIME ZONE 'UTC')::date BETWEEN $2 AND $3)
            SELECT count(*) FILTER (WHERE sender = $1),
                   count(*) FILTER (WHERE receiver = $1),
                   count(*) FILTER (WHERE receiver = $1 AND status = 'responded'),
                   count(*) FILTER (WHERE receiver = $1 AND status = 'responded' AND responded_at - created_at <= interval '24 hours'),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY minutes) FILTER (WHERE receiver = $1 AND status = 'responded'),
                   count(*) FILTER (WHERE receiver = $1 AND status = 'declined'),
                   count(*) FILTER (WHERE receiver = $1 AND status = 'withdrawn'),
                   count(*) FILTER (WHERE receiver = $1 AND status = 'expired')
            FROM mine
            """, connection);
        command.Parameters.AddWithValue(user);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var received = reader.GetInt64(1);
        var responded = reader.GetInt64(2);
        int? median = reader.IsDBNull(4) ? null : (int)reader.GetInt64(4);
        return new UserStats(
            user, from, to, reader.GetInt64(0), received, responded,
            received == 0 ? null : Round((double)reader.GetInt64(3) / received),
            median,
            responded < 5 || median is null ? null : median switch { < 60 => "within-an-hour", < 360 => "within-a-few-hours", < 1440 => "within-a-day", _ => "a-day-or-more" },
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
    }

    private async Task<ListingStats> ListingStatsBySqlAsync(Guid listing)
    {
        await using var connection = await fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int, count(*) FILTER (WHERE status = 'pending')::int, count(*) FILTER (WHERE status = 'responded')::int,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM responded_at - created_at))::bigint / 60) FILTER (WHERE status = 'responded'),
                   count(*) FILTER (WHERE status = 'declined')::int, count(*) FILTER (WHERE status = 'withdrawn')::int,
                   count(*) FILTER (WHERE status = 'expired')::int
            FROM pings WHERE listing_id = $1
            """, connection);
        command.Parameters.AddWithValue(listing);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ListingStats(listing, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
            reader.IsDBNull(3) ? null : (int)reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
    }

    private Task<List<string>> SnapshotAsync() => AggregateSnapshot.TakeAsync(fixture.Database);

    /// <summary>
    /// Writes a new sender's pending ping and its event the way the ping path does, in the connection's transaction,
    /// on the history's last day (so the history keeps its shape) and expiring long after it. Without
    /// <paramref name="takeClock"/> the event gets a position without taking the stream clock's lock, so another
    /// write can commit while this transaction stays open: transactions can still commit out of the order of their
    /// ids (an id is assigned at a transaction's first write, before the batch reaches the clock), and this is how a
    /// test lines that up.
    /// </summary>
    private static async Task WritePingAsync(NpgsqlConnection connection, Guid listing, string owner, bool takeClock = true)
    {
        var clock = takeClock ? "UPDATE stream_clock SET seq = seq + 1 RETURNING seq" : "SELECT seq + 1000000 AS seq FROM stream_clock";
        await using var command = new NpgsqlCommand($"""
            WITH at AS (SELECT max(created_at) AS sent FROM pings),
            ping AS (
                INSERT INTO pings (ping_id, chat_id, listing_id, sender, receiver, message_id, message, status, created_at,
                                   expires_at, allowance_day, allowance_seq)
                SELECT $1, $2, $3, $4, $5, $6, 'Is this still for sale?', 'pending', sent, sent + interval '10 years', sent::date, 1 FROM at),
            clock AS ({clock})
            INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, ping_id, sender, receiver, actor, ping_created_at,
                                recipient, seq)
            SELECT $7, 'ping.sent', sent, $2, $3, $1, $4, $5, $4, sent, $5, (SELECT seq FROM clock) FROM at
            """, connection);
        var sender = ApiFixture.NewUser("sender");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = PingActors.Chats.ChatId.For(listing, sender) });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = listing });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sender });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        await command.ExecuteNonQueryAsync();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 12) : null;
}
