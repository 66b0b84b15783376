namespace PingActors.Analytics;

/// <summary>A user's figures over the pings of the days <paramref name="From"/> to <paramref name="To"/> (UTC).</summary>
/// <param name="ResponseRate">The share of received pings answered within 24 hours; null when none were received.</param>
/// <param name="MedianResponseMinutes">The lower median of their response times, in whole minutes; null without responses.</param>
/// <param name="ResponseTimeBucket">From the median; null with fewer than <see cref="AnalyticsQueries.MinResponsesForBucket"/> responses.</param>
public sealed record UserStats(
    string Username,
    DateOnly From,
    DateOnly To,
    long PingsSent,
    long PingsReceived,
    long Responded,
    double? ResponseRate,
    int? MedianResponseMinutes,
    string? ResponseTimeBucket,
    long Declined,
    long Withdrawn,
    long Expired);

/// <summary>A listing's figures over its whole life.</summary>
public sealed record ListingStats(
    Guid ListingId,
    int Pings,
    int Pending,
    int Responded,
    int? MedianResponseMinutes,
    int Declined,
    int Withdrawn,
    int Expired);
