using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PingActors.Analytics;
using PingActors.Pings;
using PingActors.Testing;

namespace PingActors.Api.Tests.Analytics;

/// <summary>The API with the event workers polling fast; the sweeper runs on the fixture's clock, as in production.</summary>
public sealed class ExpiryFixture() : ApiFixture(new Dictionary<string, string> { ["Analytics:PollInterval"] = "00:00:00.050" });

/// <summary>Pings expire on time through their chat grain, with nobody reading them.</summary>
public sealed class ExpiryTests(ExpiryFixture fixture) : ApiTestBase(fixture), IClassFixture<ExpiryFixture>
{
    private static readonly TimeSpan _sweepInterval = new PingOptions().SweepInterval;

    [Fact]
    public async Task PendingPing_ExpiresWithinOneSweepIntervalOfItsTime_WithNobodyReading_AndEmitsOneEvent()
    {
        var ping = await NewPingAsync();
        var database = fixture.Database;
        var expiresAt = await database.ScalarAsync<DateTime>("SELECT expires_at FROM pings WHERE ping_id = $1", ping.PingId);
        await using var signals = await DatabaseSignals.ListenAsync(database.ConnectionString, ExpirySweeper.Channel, AnalyticsProcessor.Channel);

        // A sweep just before its time leaves it pending.
        var justBefore = new DateTimeOffset(expiresAt, TimeSpan.Zero) - TimeSpan.FromSeconds(1);
        fixture.Clock.SetUtcNow(justBefore);
        await signals.UntilAsync(() => Task.FromResult(SweptAtOrAfter(signals, justBefore)), TimeSpan.FromSeconds(30), "a sweep just before the expiry");
        Assert.Equal("pending", await database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId));

        // The first sweep after its time expires it: within one interval of it.
        var oneIntervalLater = new DateTimeOffset(expiresAt, TimeSpan.Zero) + _sweepInterval;
        fixture.Clock.SetUtcNow(oneIntervalLater);
        await signals.UntilAsync(() => Task.FromResult(SweptAtOrAfter(signals, oneIntervalLater)), TimeSpan.FromSeconds(30), "a sweep after the expiry");
        Assert.Equal("expired", await database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId));

        // Later sweeps find nothing more to do: one event, stamped with the ping's own expiry time.
        var later = oneIntervalLater + _sweepInterval * 3;
        fixture.Clock.SetUtcNow(later);
        await signals.UntilAsync(() => Task.FromResult(SweptAtOrAfter(signals, later)), TimeSpan.FromSeconds(30), "a later sweep");
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));
        Assert.Equal(expiresAt, await database.ScalarAsync<DateTime>("SELECT occurred_at FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));

        // The workers count it: the listing has one expired ping and none pending; the owner's stats say so too.
        await signals.UntilAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events WHERE ping_id = $1", ping.PingId) == 0,
            TimeSpan.FromSeconds(30), "the workers to apply the expiry");
        var listing = await JsonAsync(await ping.OwnerClient.GetAsync($"/v1/listings/{ping.ListingId}/stats"));
        Assert.Equal((1, 0, 1), (listing.GetProperty("pings").GetInt32(), listing.GetProperty("pending").GetInt32(), listing.GetProperty("expired").GetInt32()));
        var owner = await JsonAsync(await ping.SenderClient.GetAsync($"/v1/users/{ping.Owner}/stats"));
        Assert.Equal((1, 1, 0.0), (owner.GetProperty("pingsReceived").GetInt64(), owner.GetProperty("expired").GetInt64(), owner.GetProperty("responseRate").GetDouble()));

        // Reading it now changes nothing.
        var read = await JsonAsync(await ping.SenderClient.GetAsync($"/v1/pings/{ping.PingId}"));
        Assert.Equal("expired", read.GetProperty("status").GetString());
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));
    }

    [Fact]
    public async Task RespondedPing_IsNotExpired_BySweepsPastItsTime()
    {
        var ping = await NewPingAsync();
        var responded = await ping.OwnerClient.PostAsJsonAsync($"/v1/pings/{ping.PingId}/respond", new { message = "Yes, still here." });
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);
        var expiresAt = await fixture.Database.ScalarAsync<DateTime>("SELECT expires_at FROM pings WHERE ping_id = $1", ping.PingId);
        await using var signals = await DatabaseSignals.ListenAsync(fixture.Database.ConnectionString, ExpirySweeper.Channel);

        var after = new DateTimeOffset(expiresAt, TimeSpan.Zero) + _sweepInterval;
        fixture.Clock.SetUtcNow(after);
        await signals.UntilAsync(() => Task.FromResult(SweptAtOrAfter(signals, after)), TimeSpan.FromSeconds(30), "a sweep after the expiry time");

        Assert.Equal("responded", await fixture.Database.ScalarAsync<string>("SELECT status FROM pings WHERE ping_id = $1", ping.PingId));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE ping_id = $1 AND event_type = 'ping.expired'", ping.PingId));
    }

    /// <summary>Whether a sweep that looked at the clock at or after <paramref name="time"/> has finished.</summary>
    private static bool SweptAtOrAfter(DatabaseSignals signals, DateTimeOffset time) =>
        signals.Received.Any(n => n.Channel == ExpirySweeper.Channel
            && DateTimeOffset.Parse(n.Payload.Split(' ')[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) >= time);
}
