using PingActors.History;

namespace PingActors.Analytics;

/// <summary>
/// What a set of events adds to the aggregates, folded in memory so each aggregate row is written once per
/// batch. Every figure counts on the UTC day of the ping it is about; responses add their time, in whole
/// seconds, to a sum and in whole minutes to a histogram.
/// </summary>
internal sealed class AnalyticsDelta
{
    public static readonly TimeSpan AnsweredInTime = TimeSpan.FromHours(24);

    public Dictionary<(string User, DateOnly Day), UserDayCounts> Users { get; } = [];

    public Dictionary<(string User, DateOnly Day, int Minutes), int> UserResponseMinutes { get; } = [];

    public Dictionary<Guid, ListingCounts> Listings { get; } = [];

    public Dictionary<(Guid Listing, int Minutes), int> ListingResponseMinutes { get; } = [];

    /// <summary>The sums the insights are made from.</summary>
    public InsightSums Insights { get; } = new();

    private readonly int _sign;

    private AnalyticsDelta(int sign) => _sign = sign;

    /// <summary>What <paramref name="events"/> add to the aggregates.</summary>
    public static AnalyticsDelta Fold(IEnumerable<AnalyticsEvent> events) => Fold(events, 1);

    /// <summary>What taking <paramref name="events"/> out of the aggregates adds to them: every figure negated.</summary>
    public static AnalyticsDelta FoldOut(IEnumerable<AnalyticsEvent> events) => Fold(events, -1);

    private static AnalyticsDelta Fold(IEnumerable<AnalyticsEvent> events, int sign)
    {
        var delta = new AnalyticsDelta(sign);
        foreach (var e in events)
        {
            delta.Add(e);
        }

        return delta;
    }

    /// <summary>The UTC day figures about a ping sent at <paramref name="sentAt"/> count on.</summary>
    public static DateOnly DayOf(DateTimeOffset sentAt) => DateOnly.FromDateTime(sentAt.UtcDateTime);

    private void Add(AnalyticsEvent e)
    {
        var day = DayOf(e.PingCreatedAt ?? e.OccurredAt);
        switch (e.Type)
        {
            case PingEventTypes.PingSent:
                User(e.Sender, day).Sent += _sign;
                User(e.Receiver, day).Received += _sign;
                Listing(e.ListingId).Pings += _sign;
                break;
            case PingEventTypes.PingResponded:
                var took = e.OccurredAt - (e.PingCreatedAt ?? throw new InvalidOperationException($"Event {e.EventId} has no ping time."));
                var seconds = took.Ticks / TimeSpan.TicksPerSecond;
                var minutes = (int)(seconds / 60);
                var user = User(e.Receiver, day);
                user.Responded += _sign;
                if (took <= AnsweredInTime)
                {
                    user.RespondedInTime += _sign;
                }

                user.ResponseSeconds += _sign * seconds;
                Bump(UserResponseMinutes, (e.Receiver, day, minutes), _sign);
                var listing = Listing(e.ListingId);
                listing.Responded += _sign;
                listing.ResponseSeconds += _sign * seconds;
                Bump(ListingResponseMinutes, (e.ListingId, minutes), _sign);
                break;
            case PingEventTypes.PingDeclined:
                User(e.Receiver, day).Declined += _sign;
                Listing(e.ListingId).Declined += _sign;
                break;
            case PingEventTypes.PingWithdrawn:
                User(e.Receiver, day).Withdrawn += _sign;
                Listing(e.ListingId).Withdrawn += _sign;
                break;
            case PingEventTypes.PingExpired:
                User(e.Receiver, day).Expired += _sign;
                Listing(e.ListingId).Expired += _sign;
                break;
            case PingEventTypes.MessagePosted or PingEventTypes.ChatRead or PingEventTypes.LimitsChanged:
                break; // no figure counts messages or receipts yet; limit changes have no shard and never come here
            default:
                throw new InvalidOperationException($"Event {e.EventId} has an unknown type '{e.Type}'.");
        }

        Insights.Add(e, _sign);
    }

    private UserDayCounts User(string user, DateOnly day)
    {
        if (!Users.TryGetValue((user, day), out var counts))
        {
            Users[(user, day)] = counts = new UserDayCounts();
        }

        return counts;
    }

    private ListingCounts Listing(Guid listing)
    {
        if (!Listings.TryGetValue(listing, out var counts))
        {
            Listings[listing] = counts = new ListingCounts();
        }

        return counts;
    }

    private static void Bump<TKey>(Dictionary<TKey, int> histogram, TKey key, int by)
        where TKey : notnull =>
        histogram[key] = histogram.GetValueOrDefault(key) + by;
}

/// <summary>One user's figures for the pings of one day.</summary>
internal sealed class UserDayCounts
{
    public int Sent { get; set; }

    public int Received { get; set; }

    public int Responded { get; set; }

    /// <summary>Responded within <see cref="AnalyticsDelta.AnsweredInTime"/> of the ping.</summary>
    public int RespondedInTime { get; set; }

    public int Declined { get; set; }

    public int Withdrawn { get; set; }

    public int Expired { get; set; }

    public long ResponseSeconds { get; set; }
}

/// <summary>One listing's figures.</summary>
internal sealed class ListingCounts
{
    public int Pings { get; set; }

    public int Responded { get; set; }

    public int Declined { get; set; }

    public int Withdrawn { get; set; }

    public int Expired { get; set; }

    public long ResponseSeconds { get; set; }
}
