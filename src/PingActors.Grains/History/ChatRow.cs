namespace PingActors.History;

/// <summary>A chat's row in <c>chats</c>: who is in it, where it stands, and how far each participant has read.</summary>
/// <param name="LegacyCursors">The chat's read cursors may still be in grain storage (it predates their column).</param>
internal sealed record ChatRow(
    Guid ChatId,
    Guid ListingId,
    string Owner,
    string Sender,
    DateTimeOffset CreatedAt,
    long LastSeq,
    DateTimeOffset LastMessageAt,
    long OwnerLastSeq,
    long SenderLastSeq,
    Guid? LastPingId,
    long OwnerReadSeq = 0,
    long SenderReadSeq = 0,
    bool LegacyCursors = false)
{
    public bool IsParticipant(string user) => user == Owner || user == Sender;

    /// <summary>The seq of <paramref name="participant"/>'s own latest message; everything before it counts as read by them.</summary>
    public long OwnLastSeq(string participant) => participant == Owner ? OwnerLastSeq : SenderLastSeq;

    /// <summary>How far <paramref name="participant"/> has marked the chat read.</summary>
    public long MarkedReadSeq(string participant) => participant == Owner ? OwnerReadSeq : SenderReadSeq;

    /// <summary>The chat after <paramref name="participant"/> marked it read up to <paramref name="seq"/>.</summary>
    public ChatRow WithMarkedRead(string participant, long seq) =>
        participant == Owner ? this with { OwnerReadSeq = seq } : this with { SenderReadSeq = seq };

    /// <summary>The chat after <paramref name="author"/> posted message <paramref name="seq"/>.</summary>
    public ChatRow WithMessage(string author, long seq, DateTimeOffset at) => this with
    {
        LastSeq = seq,
        LastMessageAt = at,
        OwnerLastSeq = author == Owner ? seq : OwnerLastSeq,
        SenderLastSeq = author == Sender ? seq : SenderLastSeq,
    };
}
