using PingActors.Limits;

namespace PingActors.Users;

/// <summary>What an admin set for a sender, and the trust tier they earned, as their grain holds it.</summary>
/// <param name="DailyLimit">Their own daily limit (the cap of their bucket), or <see langword="null"/> for their tier's.</param>
/// <param name="CooldownUntil">The end of their cooldown, if one was set.</param>
/// <param name="Tier">Their trust tier, as last evaluated.</param>
/// <param name="TierChangedAt">When the tier last changed.</param>
internal sealed record UserLimits(int? DailyLimit, DateTimeOffset? CooldownUntil, TrustTier Tier, DateTimeOffset? TierChangedAt)
{
    public static readonly UserLimits None = new(null, null, TrustTier.Standard, null);
}
