namespace PingActors.Benchmarks.GroundTruth;

/// <summary>A ping as the generator planned it: who, when, and how it ends (as the database must then show).</summary>
/// <param name="Outcome">The status it ends in: responded, declined, withdrawn or expired.</param>
/// <param name="SettledAt">When that happens.</param>
public sealed record PlannedPing(Guid PingId, int Owner, Guid ListingId, string Sender, DateTimeOffset SentAt, string Outcome, DateTimeOffset SettledAt);
