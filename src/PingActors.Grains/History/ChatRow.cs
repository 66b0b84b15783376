namespace PingActors.History;

/// <summary>A chat's row in <c>chats</c>: who is in it and where it stands.</summary>
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
    Guid? LastPingId)
{
    public bool IsParticipant(string user) => user == Owner || user == Sender;

    /// <summary>The seq of <paramref name="participant"/>'s own latest message; everything before it counts as read by them.</summary>
    public long OwnLastSeq(string participant) => participant == Owner ? OwnerLastSeq : SenderLastSeq;

    /// <summary>The chat after <paramref name="author"/> posted message <paramref name="seq"/>.</summary>
    public ChatRow WithMessage(string author, long seq, DateTimeOffset at) => this with
    {
        LastSeq = seq,
        LastMessageAt = at,
        OwnerLastSeq = author == Owner ? seq : OwnerLastSeq,
        SenderLastSeq = author == Sender ? seq : SenderLastSeq,
    };
}
