namespace PingActors.Analytics;

/// <summary>What the workers read of an outbox event.</summary>
/// <param name="PingCreatedAt">When the ping the event is about was sent: figures count on that ping's day.</param>
internal sealed record AnalyticsEvent(
    Guid EventId,
    string Type,
    DateTimeOffset OccurredAt,
    Guid ListingId,
    string Sender,
    string Receiver,
    DateTimeOffset? PingCreatedAt);
