namespace PingActors.Analytics;

/// <summary>
/// When an event worker applies, holds back or rests: a pure function of its last reading of the lag, the load on
/// the silo's ping path and the time, so the rules can be tested on a fake clock. The worker reads the lag when
/// <see cref="ReadingDue"/> says so and reports it through <see cref="Observed"/>.
/// </summary>
internal sealed class WorkerPacing(AnalyticsOptions options)
{
    /// <summary>Below this busy share of the group-commit writer the ping path counts as idle.</summary>
    public const double IdleBelow = 0.05;

    /// <summary>How often the lag is read (a few index probes).</summary>
    public static readonly TimeSpan LagRefresh = TimeSpan.FromSeconds(1);

    /// <summary>How often the waiting events are counted, which is not free over a long backlog.</summary>
    public static readonly TimeSpan CountRefresh = TimeSpan.FromSeconds(10);

    private TimeSpan _lag;
    private DateTimeOffset _lagReadAt = DateTimeOffset.MinValue;
    private DateTimeOffset _countReadAt = DateTimeOffset.MinValue;
    private TimeSpan _idleRest;

    /// <summary>Which reading the worker should take before it decides at <paramref name="now"/>.</summary>
    public LagReading ReadingDue(DateTimeOffset now) =>
        now >= _countReadAt + CountRefresh ? LagReading.Backlog
        : now >= _lagReadAt + LagRefresh ? LagReading.Lag
        : LagReading.None;

    /// <summary>The worker read the lag (and counted the backlog, if <paramref name="counted"/>) at <paramref name="at"/>.</summary>
    public void Observed(TimeSpan lag, DateTimeOffset at, bool counted)
    {
        (_lag, _lagReadAt) = (lag, at);
        if (counted)
        {
            _countReadAt = at;
        }
    }

    /// <summary>
    /// Whether to leave the waiting events for now: the ping path is saturated (<see cref="AnalyticsOptions.YieldAbove"/>)
    /// and they are not overdue. At the limit the worker applies until they are no longer overdue, so a long
    /// saturation keeps the lag about <see cref="AnalyticsOptions.MaxDeferral"/>.
    /// </summary>
    public bool HoldsBack(double utilization, DateTimeOffset now) =>
        options.MaxDeferral > TimeSpan.Zero && utilization >= options.YieldAbove && !Overdue(now);

    /// <summary>Whether the oldest waiting event has waited the deferral (by the last lag reading plus the time since).</summary>
    public bool Overdue(DateTimeOffset now) => _lag + (now - _lagReadAt) >= options.MaxDeferral;

    /// <summary>
    /// How long to rest after a round: <see cref="AnalyticsOptions.PollInterval"/> after one that found events (or
    /// held back for them); after rounds that found none, twice as long as after the last, up to
    /// <see cref="AnalyticsOptions.IdlePollInterval"/> (never below the poll interval).
    /// </summary>
    public TimeSpan RestAfterRound(bool foundEvents)
    {
        var poll = options.PollInterval;
        var longest = options.IdlePollInterval > poll ? options.IdlePollInterval : poll;
        _idleRest = foundEvents ? TimeSpan.Zero
            : _idleRest == TimeSpan.Zero ? poll
            : _idleRest * 2 < longest ? _idleRest * 2 : longest;
        return foundEvents ? poll : _idleRest;
    }

    /// <summary>
    /// How long to rest after a batch of <paramref name="events"/> that left more waiting: nothing (straight on) on an
    /// idle path or for overdue events; while pings flow, long enough to apply <see cref="AnalyticsOptions.CatchUpPace"/>
    /// times the rate they are written (and at least a batch a second), which is close to what keeping up costs, so
    /// the pings sent meanwhile do not feel it.
    /// </summary>
    public TimeSpan RestAfterBatch(int events, double utilization, double writesPerSecond, DateTimeOffset now)
    {
        if (utilization < IdleBelow || Overdue(now))
        {
            return TimeSpan.Zero;
        }

        var perSecond = Math.Max(options.CatchUpPace * writesPerSecond, options.BatchSize);
        return TimeSpan.FromSeconds(events / perSecond);
    }
}
