namespace PingActors.Chats;

/// <summary>How posting a message went.</summary>
public enum PostMessageOutcome
{
    /// <summary>The message is in the chat.</summary>
    Posted,

    /// <summary>A message with the same client message id was posted before; this is it, and nothing new exists.</summary>
    Replayed,

    /// <summary>No such chat, or the author is not in it.</summary>
    NotFound,

    /// <summary>The text is empty, too long, or holds control characters; or the client message id is malformed.</summary>
    InvalidMessage,
}
