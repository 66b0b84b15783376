using PingActors.Chats;
using PingActors.Pings;

namespace PingActors.Notifications;

/// <summary>One item of a user's stream: an outbox event, at its position, with what it is about.</summary>
/// <param name="Seq">The event's position: unique, and in the order the events committed.</param>
/// <param name="Type">The item type (<see cref="StreamEventTypes"/>).</param>
/// <param name="Recipient">The one user whose stream carries it.</param>
/// <param name="ChatId">The chat of a message or a read receipt.</param>
/// <param name="Ping">The ping of a <c>ping.*</c> item, as it stands.</param>
/// <param name="Message">The message of <c>message.posted</c>.</param>
/// <param name="Reader">Who read, for <c>chat.read</c>.</param>
/// <param name="ReadSeq">How far they have read, for <c>chat.read</c>.</param>
[GenerateSerializer, Immutable, Alias("pingactors.stream-event")]
public sealed record StreamEvent(
    long Seq,
    string Type,
    string Recipient,
    Guid? ChatId = null,
    Ping? Ping = null,
    ChatMessage? Message = null,
    string? Reader = null,
    long? ReadSeq = null);
