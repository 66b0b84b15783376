using PingActors.Pings;

namespace PingActors.Limits;

/// <summary>One of a sender's recent pings as the limits need it, read from <c>pings</c> when the sender's grain activates.</summary>
internal sealed record SentPingRecord(
    Guid PingId,
    string Owner,
    Guid ListingId,
    PingStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClosedAt,
    double? BucketTokens);
