namespace PingActors.History;

/// <summary>A user's row in <c>user_limits</c>: what an admin set for them, and their trust tier.</summary>
/// <param name="DailyLimit">Their own daily limit, or <see langword="null"/> for the default.</param>
/// <param name="CooldownUntil">The end of their cooldown, if one is set.</param>
/// <param name="Tier">Their trust tier, as text (<c>TrustTierText</c>).</param>
/// <param name="TierChangedAt">When their tier last changed.</param>
internal sealed record UserLimitsRow(
    string Username,
    int? DailyLimit,
    DateTimeOffset? CooldownUntil,
    string Tier,
    DateTimeOffset? TierChangedAt,
    DateTimeOffset ChangedAt);
