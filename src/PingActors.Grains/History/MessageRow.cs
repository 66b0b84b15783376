using PingActors.Chats;

namespace PingActors.History;

/// <summary>A message's row in <c>messages</c>.</summary>
internal sealed record MessageRow(
    Guid ChatId,
    long Seq,
    Guid MessageId,
    string Sender,
    string Body,
    DateTimeOffset CreatedAt,
    string? ClientMessageId,
    Guid? PingId)
{
    public ChatMessage ToMessage() => new(Seq, MessageId, Sender, Body, CreatedAt);
}
