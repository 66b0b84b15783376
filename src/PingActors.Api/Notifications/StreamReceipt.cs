namespace PingActors.Api.Notifications;

/// <summary>The data of a <c>chat.read</c> item: the other participant has read the chat up to <paramref name="ReadSeq"/>.</summary>
public sealed record StreamReceipt(Guid ChatId, string Reader, long ReadSeq);
