namespace PingActors.History;

/// <summary>An outbox row in <c>events</c>, written in the same transaction as the change it records.</summary>
internal sealed record PingEvent(
    Guid EventId,
    string Type,
    DateTimeOffset OccurredAt,
    Guid ChatId,
    Guid ListingId,
    Guid? PingId,
    string Sender,
    string Receiver,
    string? Actor,
    DateTimeOffset? PingCreatedAt,
    long? MessageSeq);

/// <summary>The event types, as stored.</summary>
internal static class PingEventTypes
{
    public const string PingSent = "ping.sent";
    public const string PingResponded = "ping.responded";
    public const string PingDeclined = "ping.declined";
    public const string PingWithdrawn = "ping.withdrawn";
    public const string PingExpired = "ping.expired";
    public const string MessagePosted = "message.posted";
}
