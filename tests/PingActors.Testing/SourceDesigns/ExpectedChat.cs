namespace PingActors.Testing.SourceDesigns;

/// <summary>The chat of one listing between its owner and one sender, as PingActors must show it after the import.</summary>
/// <param name="Messages">Every message, in the order of their seqs (1, 2, 3, ...).</param>
/// <param name="Pings">The chat's pings, oldest first.</param>
public sealed record ExpectedChat(Guid ListingId, string Owner, string Sender, IReadOnlyList<ExpectedMessage> Messages, IReadOnlyList<ExpectedPing> Pings);
