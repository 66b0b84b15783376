namespace PingActors.Chats;

/// <summary>How opening a ping in a chat went.</summary>
public enum OpenPingOutcome
{
    /// <summary>The ping and its message are durable.</summary>
    Opened,

    /// <summary>This ping id was opened before; nothing new was created.</summary>
    AlreadyOpened,

    /// <summary>Another ping of this sender for this listing is still pending.</summary>
    AlreadyPending,
}
