namespace PingActors.Owners;

/// <summary>A ping the sender's grain asks the owner's grain to admit.</summary>
/// <param name="PingId">The ping.</param>
/// <param name="Sender">Who sends it.</param>
/// <param name="ListingId">The listing it is for.</param>
/// <param name="At">When it is sent.</param>
/// <param name="ExpiresAt">When it expires unless the owner acts.</param>
[GenerateSerializer, Immutable, Alias("pingactors.owner-admission")]
public sealed record OwnerAdmission(Guid PingId, string Sender, Guid ListingId, DateTimeOffset At, DateTimeOffset ExpiresAt);
