using PingActors.History;

namespace PingActors.Analytics;

/// <summary>
/// What a set of events adds to the sums the insights are made from (<c>sql/013_insights.sql</c>): each owner's
/// figures over their whole history, the hours of the week they act in, the population's response times by
/// segment and bin of the <see cref="ResponseTimeGrid"/>, and the pending pings by the slot they were sent in.
/// Part of an <see cref="AnalyticsDelta"/>, so they are folded (and rebuilt) with the other aggregates.
/// </summary>
internal sealed class InsightSums
{
    /// <summary>Pending pings are counted per slot of this many seconds of their sending time.</summary>
    public const int SlotSeconds = 600;

    /// <summary>The segments of the response-time curves: the UTC quarter of the day a ping was sent in.</summary>
    public const int Segments = 4;

    public Dictionary<string, OwnerTotals> Owners { get; } = [];

    public Dictionary<(string Owner, short HourOfWeek), int> ActivityHours { get; } = [];

    public Dictionary<(short Segment, short Bin), TimeBinCounts> TimeBins { get; } = [];

    public Dictionary<long, int> PendingSlots { get; } = [];

    /// <summary>The segment of a ping sent at <paramref name="sentAt"/>.</summary>
    public static short SegmentOf(DateTimeOffset sentAt) => (short)(sentAt.UtcDateTime.Hour / (24 / Segments));

    /// <summary>The slot of a ping sent at <paramref name="sentAt"/>: Unix seconds over <see cref="SlotSeconds"/>, rounded down.</summary>
    public static long SlotOf(DateTimeOffset sentAt) => sentAt.ToUnixTimeSeconds() / SlotSeconds;

    /// <summary>The UTC hour of the week of <paramref name="at"/>: 0 is Monday 00:00-01:00, 167 Sunday 23:00-24:00.</summary>
    public static short HourOfWeek(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return (short)((((int)utc.DayOfWeek + 6) % 7 * 24) + utc.Hour);
    }

    /// <summary>Adds what <paramref name="e"/> changes, times <paramref name="sign"/>.</summary>
    public void Add(AnalyticsEvent e, int sign)
    {
        var sentAt = e.PingCreatedAt ?? e.OccurredAt;
        switch (e.Type)
        {
            case PingEventTypes.PingSent:
                Owner(e.Receiver).Received += sign;
                Bump(PendingSlots, SlotOf(sentAt), sign);
                break;
            case PingEventTypes.PingResponded:
                var bin = ResponseTimeGrid.BinOf(SecondsBetween(sentAt, e.OccurredAt));
                var log = ResponseTimeGrid.CentreLogs[bin];
                var owner = Owner(e.Receiver);
                owner.Responded += sign;
                owner.LogTimeSum += sign * log;
                owner.LogTimeSquares += sign * log * log;
                Bin(sentAt, bin).Responses += sign;
                Bump(PendingSlots, SlotOf(sentAt), -sign);
                break;
            case PingEventTypes.PingDeclined:
                Owner(e.Receiver).Declined += sign;
                Bin(sentAt, ResponseTimeGrid.Never).Censored += sign;
                Bump(PendingSlots, SlotOf(sentAt), -sign);
                Bump(ActivityHours, (e.Receiver, HourOfWeek(e.OccurredAt)), sign);
                break;
            case PingEventTypes.PingWithdrawn:
                Owner(e.Receiver).Withdrawn += sign;
                Bin(sentAt, ResponseTimeGrid.BinOf(SecondsBetween(sentAt, e.OccurredAt))).Censored += sign;
                Bump(PendingSlots, SlotOf(sentAt), -sign);
                break;
            case PingEventTypes.PingExpired:
                Owner(e.Receiver).Expired += sign;
                Bin(sentAt, ResponseTimeGrid.Never).Censored += sign;
                Bump(PendingSlots, SlotOf(sentAt), -sign);
                break;
            case PingEventTypes.MessagePosted when e.Actor == e.Receiver:
                // The owner's own messages (their responses among them) are what they are active by.
                Bump(ActivityHours, (e.Receiver, HourOfWeek(e.OccurredAt)), sign);
                break;
        }
    }

    /// <summary>Whole seconds from <paramref name="from"/> to <paramref name="to"/>, rounded down, as the rebuild's SQL counts them.</summary>
    public static long SecondsBetween(DateTimeOffset from, DateTimeOffset to) => (to - from).Ticks / TimeSpan.TicksPerSecond;

    private OwnerTotals Owner(string owner)
    {
        if (!Owners.TryGetValue(owner, out var totals))
        {
            Owners[owner] = totals = new OwnerTotals();
        }

        return totals;
    }

    private TimeBinCounts Bin(DateTimeOffset sentAt, short bin)
    {
        var key = (SegmentOf(sentAt), bin);
        if (!TimeBins.TryGetValue(key, out var counts))
        {
            TimeBins[key] = counts = new TimeBinCounts();
        }

        return counts;
    }

    private static void Bump<TKey>(Dictionary<TKey, int> sums, TKey key, int by)
        where TKey : notnull =>
        sums[key] = sums.GetValueOrDefault(key) + by;
}
