namespace PingActors.Chats;

/// <summary>A participant's read position in a chat.</summary>
/// <param name="ReadSeq">Everything up to this <c>seq</c> counts as read: what they marked, or their own latest message.</param>
/// <param name="Unread">Messages after <paramref name="ReadSeq"/>.</param>
[GenerateSerializer, Immutable, Alias("pingactors.read-receipt")]
public sealed record ReadReceipt(long ReadSeq, long Unread);
