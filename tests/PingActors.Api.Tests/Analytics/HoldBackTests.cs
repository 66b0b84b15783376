using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.History;
using PingActors.Testing;

namespace PingActors.Api.Tests.Analytics;

/// <summary>The API with the event workers polling fast and holding back for at most two seconds.</summary>
public sealed class HoldBackFixture() : ApiFixture(new Dictionary<string, string>
{
    ["Analytics:PollInterval"] = "00:00:00.050",
    ["Analytics:MaxDeferral"] = HoldBackTests.MaxDeferral.ToString(),
});

/// <summary>The workers give way to a saturated ping path, for no longer than the deferral allows.</summary>
public sealed class HoldBackTests(HoldBackFixture fixture) : ApiTestBase(fixture), IClassFixture<HoldBackFixture>
{
    public static readonly TimeSpan MaxDeferral = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Workers_WhileThePingPathIsSaturated_HoldBackUntilTheOldestEventHasWaitedTheMaxDeferral()
    {
        var load = fixture.Services.GetRequiredService<WritePathLoad>();
        await using var signals = await DatabaseSignals.ListenAsync(fixture.Database.ConnectionString, AnalyticsProcessor.Channel);

        // A batch that never finishes keeps the writer's one slot busy: to the workers the ping path is saturated.
        using (load.Begin(1))
        {
            await SaturatedAsync(load);
            var waited = Stopwatch.StartNew();
            var ping = await NewPingAsync();
            await signals.UntilAsync(() => AppliedAsync(ping.PingId), TimeSpan.FromSeconds(30), "the workers to apply the ping past the deferral");

            // Not before its event had waited the deferral (by its id's clock), less one reading of the lag.
            Assert.True(waited.Elapsed >= MaxDeferral - TimeSpan.FromSeconds(1), $"applied after {waited.Elapsed}");
        }

        // With the path free again, a ping is applied at the workers' next look.
        var free = Stopwatch.StartNew();
        var next = await NewPingAsync();
        await signals.UntilAsync(() => AppliedAsync(next.PingId), TimeSpan.FromSeconds(30), "the workers to apply the next ping");
        Assert.True(free.Elapsed < MaxDeferral, $"applied after {free.Elapsed}");
    }

    /// <summary>Waits for the held batch to fill the last second (nothing signals it, so this one is polled).</summary>
    private static async Task SaturatedAsync(WritePathLoad load)
    {
        var waited = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (load.Utilization < 0.9)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the write path never looked saturated");
            await poll.WaitForNextTickAsync();
        }
    }

    private async Task<bool> AppliedAsync(Guid pingId) =>
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE ping_id = $1", pingId) > 0
        && await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events WHERE ping_id = $1", pingId) == 0;
}
