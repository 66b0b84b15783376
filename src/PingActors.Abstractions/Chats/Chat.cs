namespace PingActors.Chats;

/// <summary>The conversation about one listing between its owner and one sender, as one participant sees it.</summary>
/// <param name="ChatId">The chat's id, derived from the listing and the sender.</param>
/// <param name="ListingId">The listing the chat is about.</param>
/// <param name="Participants">The listing's owner, then the sender.</param>
/// <param name="LastSeq">The <c>seq</c> of the latest message.</param>
/// <param name="Unread">Messages from the other participant that the viewer has not read.</param>
/// <param name="LastMessageAt">When the latest message was posted.</param>
/// <param name="OtherReadSeq">How far the other participant has read (a read receipt): everything up to this <c>seq</c>.</param>
[GenerateSerializer, Immutable, Alias("pingactors.chat")]
public sealed record Chat(
    Guid ChatId,
    Guid ListingId,
    IReadOnlyList<string> Participants,
    long LastSeq,
    long Unread,
    DateTimeOffset LastMessageAt,
    long OtherReadSeq);
