namespace PingActors.History;

/// <summary>An outbox row in <c>events</c>, written in the same transaction as the change it records.</summary>
/// <param name="ChatId">The chat; <see langword="null"/> only for <c>limits.changed</c>, which concerns a user alone.</param>
/// <param name="Sender">The chat's sender; for <c>limits.changed</c>, the user whose limits changed.</param>
/// <param name="Receiver">The listing's owner; <see langword="null"/> only for <c>limits.changed</c>.</param>
/// <param name="Actor">Who acted: the author of a message, the reader of <c>chat.read</c>; null for an expiry.</param>
/// <param name="MessageSeq">The message's seq; for <c>chat.read</c>, the reader's read seq.</param>
internal sealed record PingEvent(
    Guid EventId,
    string Type,
    DateTimeOffset OccurredAt,
    Guid? ChatId,
    Guid? ListingId,
    Guid? PingId,
    string Sender,
    string? Receiver,
    string? Actor,
    DateTimeOffset? PingCreatedAt,
    long? MessageSeq)
{
    /// <summary>
    /// The one user whose stream carries the event: a new or withdrawn ping goes to the listing's owner, an answer
    /// or an expiry to the sender, a message or a read receipt to the other participant, a limit change to its user.
    /// </summary>
    public string Recipient => Type switch
    {
        PingEventTypes.PingSent or PingEventTypes.PingWithdrawn => Receiver!,
        PingEventTypes.MessagePosted or PingEventTypes.ChatRead => Actor == Sender ? Receiver! : Sender,
        _ => Sender,
    };

    /// <summary>The event of a change to <paramref name="username"/>'s daily limit or cooldown.</summary>
    public static PingEvent LimitsChanged(string username, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), PingEventTypes.LimitsChanged, at, null, null, null, username, null, null, null, null);
}

/// <summary>The event types, as stored.</summary>
internal static class PingEventTypes
{
    public const string PingSent = "ping.sent";
    public const string PingResponded = "ping.responded";
    public const string PingDeclined = "ping.declined";
    public const string PingWithdrawn = "ping.withdrawn";
    public const string PingExpired = "ping.expired";
    public const string MessagePosted = "message.posted";
    public const string ChatRead = "chat.read";
    public const string LimitsChanged = "limits.changed";
}
