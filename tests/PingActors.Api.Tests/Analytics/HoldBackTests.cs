using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.History;
using PingActors.Testing;

namespace PingActors.Api.Tests.Analytics;

/// <summary>The API with the event workers polling fast and holding back for at most two seconds.</summary>
public sealed class HoldBackFixture() : ApiFixture(new Dictionary<string, string>
{
    ["Analytics:PollInterval"] = "00:00:00.050",
    ["Analytics:MaxDeferral"] = "00:00:02",
});

/// <summary>
/// The workers give way to a saturated ping path and still apply every event. When exactly they hold back and
/// resume is <see cref="WorkerPacing"/>'s to say, and its tests say it on a fake clock; this one checks the
/// worker in a running silo follows it.
/// </summary>
public sealed class HoldBackTests(HoldBackFixture fixture) : ApiTestBase(fixture), IClassFixture<HoldBackFixture>
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Workers_WhileThePingPathIsSaturated_HoldBack_AndStillApplyEveryEvent()
    {
        var load = fixture.Services.GetRequiredService<WritePathLoad>();
        await using var signals = await DatabaseSignals.ListenAsync(fixture.Database.ConnectionString, AnalyticsProcessor.Channel);

        // A batch that never finishes keeps the writer's one slot busy: to the workers the ping path is saturated.
        using (load.Begin(1))
        {
            await Eventually.UntilAsync(() => Task.FromResult(load.Utilization >= 0.9), _patience, "the write path to look saturated");
            var ping = await NewPingAsync();
            await Eventually.UntilAsync(HoldingBackAsync, _patience, "the worker to hold back");
            await signals.UntilAsync(() => AppliedAsync(ping.PingId), _patience, "the workers to apply the ping once it is overdue");
        }

        var next = await NewPingAsync();
        await signals.UntilAsync(() => AppliedAsync(next.PingId), _patience, "the workers to apply a ping on a free path");
        await Eventually.UntilAsync(async () => !await HoldingBackAsync(), _patience, "the worker to stop holding back");
    }

    private async Task<bool> HoldingBackAsync()
    {
        var ready = await JsonAsync(await fixture.Anonymous().GetAsync("/health/ready"));
        return ready.GetProperty("checks").GetProperty("analytics").GetProperty("data").GetProperty("holdingBack").GetBoolean();
    }

    private async Task<bool> AppliedAsync(Guid pingId) =>
        await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE ping_id = $1", pingId) > 0
        && await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events WHERE ping_id = $1", pingId) == 0;
}
