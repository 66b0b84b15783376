namespace PingActors.Chats;

/// <summary>
/// A chat's read cursors: the one part of a chat that lives in grain storage. Messages, pings and the chat's
/// place in each list live in the history tables, so this stays the same size however long the chat grows.
/// Immutable: a change is a new state, committed whole.
/// </summary>
[GenerateSerializer, Alias("pingactors.chat-state")]
public sealed record ChatState
{
    /// <summary>How far the listing's owner has marked the chat read.</summary>
    [Id(0)]
    public long OwnerReadSeq { get; init; }

    /// <summary>How far the sender has marked the chat read.</summary>
    [Id(1)]
    public long SenderReadSeq { get; init; }
}
