namespace PingActors.Chats;

/// <summary>A message in a chat.</summary>
/// <param name="Seq">Its place in the chat: 1, 2, 3, ... with no gaps.</param>
/// <param name="MessageId">Its id.</param>
/// <param name="Sender">Who wrote it.</param>
/// <param name="Text">What it says.</param>
/// <param name="CreatedAt">When it was posted.</param>
[GenerateSerializer, Immutable, Alias("pingactors.chat-message")]
public sealed record ChatMessage(long Seq, Guid MessageId, string Sender, string Text, DateTimeOffset CreatedAt);
