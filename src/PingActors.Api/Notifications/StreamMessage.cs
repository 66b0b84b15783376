using PingActors.Chats;

namespace PingActors.Api.Notifications;

/// <summary>The data of a <c>message.posted</c> item: the message, and the chat it was posted in.</summary>
public sealed record StreamMessage(Guid ChatId, ChatMessage Message);
