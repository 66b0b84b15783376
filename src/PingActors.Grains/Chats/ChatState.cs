namespace PingActors.Chats;

/// <summary>
/// A chat's read cursors as grain storage held them before they became part of the chat's row (<c>chats</c>).
/// Never written any more: a chat flagged as having them there reads them once it loads (see
/// <see cref="ChatModel.FoldInLegacyCursors"/>). The serializer's alias and ids stay as they were, so old rows read.
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
