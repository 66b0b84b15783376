namespace PingActors.Import.Sources;

/// <summary>The staging tables a source query fills.</summary>
public enum StagingKind
{
    /// <summary><c>stage_pings</c>: source table, id, sender, receiver, listing, message, status, created, updated, response minutes, first response, responded, response message, message id.</summary>
    Pings,

    /// <summary><c>stage_chats</c>: id, listing, participant A, participant B, created.</summary>
    Chats,

    /// <summary><c>stage_messages</c>: id, chat, sender, text, created.</summary>
    Messages,

    /// <summary><c>stage_limits</c>: username, daily limit, the design's default, cooldown, spent today.</summary>
    Limits,
}
