using Microsoft.Extensions.Time.Testing;
using PingActors.Analytics;

namespace PingActors.Grains.Tests.Analytics;

/// <summary>The event workers' pacing: hold back while pings saturate the path, never past the deferral, catch up at a pace.</summary>
public sealed class WorkerPacingTests
{
    private const double Saturated = 0.95;
    private const double Busy = 0.6;
    private const double Idle = 0.01;

    private static readonly AnalyticsOptions _options = new()
    {
        MaxDeferral = TimeSpan.FromSeconds(30),
        YieldAbove = 0.9,
        CatchUpPace = 1.25,
        BatchSize = 500,
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void HoldsBack_WhileSaturated_UntilTheOldestEventHasWaitedTheDeferral()
    {
        var pacing = Observed(lag: TimeSpan.FromSeconds(5));

        Assert.True(pacing.HoldsBack(Saturated, Now));
        _clock.Advance(TimeSpan.FromSeconds(25) - TimeSpan.FromTicks(1));
        Assert.True(pacing.HoldsBack(Saturated, Now));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(pacing.HoldsBack(Saturated, Now));
    }

    [Theory]
    [InlineData(Busy)]
    [InlineData(0.9 - 1e-9)]
    [InlineData(Idle)]
    public void HoldsBack_BelowTheYieldThreshold_Never(double utilization) =>
        Assert.False(Observed(lag: TimeSpan.Zero).HoldsBack(utilization, Now));

    [Fact]
    public void HoldsBack_WithNoDeferral_Never()
    {
        var pacing = new WorkerPacing(new AnalyticsOptions { MaxDeferral = TimeSpan.Zero });
        pacing.Observed(TimeSpan.Zero, Now, counted: true);

        Assert.False(pacing.HoldsBack(1.0, Now));
    }

    [Fact]
    public void HoldsBack_AfterANewReadingShowsTheBacklogApplied_StartsAgain()
    {
        var pacing = Observed(lag: TimeSpan.FromSeconds(31));
        Assert.False(pacing.HoldsBack(Saturated, Now));

        pacing.Observed(TimeSpan.FromSeconds(2), Now, counted: false);

        Assert.True(pacing.HoldsBack(Saturated, Now));
    }

    [Theory]
    [InlineData(Idle, 1_000, 0.0)] // an idle path: straight on
    [InlineData(Busy, 1_000, 0.4)] // 500 events at 1.25 × 1,000 writes/s
    [InlineData(Busy, 100, 1.0)] // at least a batch a second
    [InlineData(Saturated, 4_000, 0.1)]
    public void RestAfterBatch_WhilePingsFlow_KeepsThePace(double utilization, double writesPerSecond, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Observed(lag: TimeSpan.FromSeconds(1)).RestAfterBatch(500, utilization, writesPerSecond, Now));

    [Fact]
    public void RestAfterBatch_ForOverdueEvents_IsNone()
    {
        var pacing = Observed(lag: TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.Zero, pacing.RestAfterBatch(500, Busy, 1_000, Now));
    }

    [Fact]
    public void ReadingDue_CountsEveryTenSecondsAndReadsTheLagEverySecond()
    {
        var pacing = new WorkerPacing(_options);
        Assert.Equal(LagReading.Backlog, pacing.ReadingDue(Now));
        pacing.Observed(TimeSpan.Zero, Now, counted: true);

        Assert.Equal(LagReading.None, pacing.ReadingDue(Now + TimeSpan.FromMilliseconds(999)));
        Assert.Equal(LagReading.Lag, pacing.ReadingDue(Now + TimeSpan.FromSeconds(1)));
        pacing.Observed(TimeSpan.Zero, Now + TimeSpan.FromSeconds(9), counted: false);
        Assert.Equal(LagReading.None, pacing.ReadingDue(Now + TimeSpan.FromSeconds(9.5)));
        Assert.Equal(LagReading.Backlog, pacing.ReadingDue(Now + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void RestAfterRound_WhileRoundsFindNothing_DoublesFromThePollIntervalToTheIdleOne_AndAFindStartsOver()
    {
        var pacing = new WorkerPacing(new AnalyticsOptions { PollInterval = TimeSpan.FromMilliseconds(50), IdlePollInterval = TimeSpan.FromMilliseconds(700) });

        var rests = Enumerable.Range(0, 6).Select(_ => pacing.RestAfterRound(foundEvents: false).TotalMilliseconds).ToList();
        Assert.Equal([50, 100, 200, 400, 700, 700], rests);

        Assert.Equal(TimeSpan.FromMilliseconds(50), pacing.RestAfterRound(foundEvents: true));
        Assert.Equal(TimeSpan.FromMilliseconds(50), pacing.RestAfterRound(foundEvents: false));
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacing.RestAfterRound(foundEvents: false));
    }

    [Fact]
    public void RestAfterRound_WithAnIdleIntervalBelowThePollInterval_IsThePollInterval()
    {
        var pacing = new WorkerPacing(new AnalyticsOptions { PollInterval = TimeSpan.FromSeconds(2), IdlePollInterval = TimeSpan.FromSeconds(1) });

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(TimeSpan.FromSeconds(2), pacing.RestAfterRound(foundEvents: false)));
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private WorkerPacing Observed(TimeSpan lag)
    {
        var pacing = new WorkerPacing(_options);
        pacing.Observed(lag, Now, counted: true);
        return pacing;
    }
}
