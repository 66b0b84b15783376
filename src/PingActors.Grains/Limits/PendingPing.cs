namespace PingActors.Limits;

/// <summary>A ping that is still pending, as the limits see it: who receives it, for which listing, until when.</summary>
internal sealed record PendingPing(Guid PingId, string Sender, string Owner, Guid ListingId, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);
