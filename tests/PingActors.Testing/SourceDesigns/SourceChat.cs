namespace PingActors.Testing.SourceDesigns;

/// <summary>A row of the source's <c>chats</c>: participant A is the one whose call created it.</summary>
public sealed record SourceChat(Guid Id, Guid? ListingId, string ParticipantA, string ParticipantB, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);
