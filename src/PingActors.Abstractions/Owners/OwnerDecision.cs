namespace PingActors.Owners;

/// <summary>What the owner's grain decided.</summary>
/// <param name="Refused">The rule that refused the ping, or <see langword="null"/>: admitted (and its place held).</param>
/// <param name="RetryAt">When that rule lets a ping through again.</param>
/// <param name="ShadowRefused">The rule by which the policy in shadow would have refused it, if any.</param>
[GenerateSerializer, Immutable, Alias("pingactors.owner-decision")]
public sealed record OwnerDecision(string? Refused, DateTimeOffset? RetryAt, string? ShadowRefused);
