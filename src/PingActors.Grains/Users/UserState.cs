using PingActors.Limits;

namespace PingActors.Users;

/// <summary>
/// What an admin set for a sender, and their trust tier, as grain storage held them before <c>user_limits</c>
/// existed. Never written any more: a user whose row is flagged legacy reads it once their grain activates. The
/// serializer's alias and ids stay as they were, so old rows read.
/// </summary>
[GenerateSerializer, Alias("pingactors.user-state")]
public sealed record UserState
{
    /// <summary>The sender's own daily limit, or <see langword="null"/> for the default.</summary>
    [Id(0)]
    public int? DailyLimit { get; init; }

    /// <summary>The end of the sender's cooldown, if one was set.</summary>
    [Id(1)]
    public DateTimeOffset? CooldownUntil { get; init; }

    /// <summary>The sender's trust tier, as last evaluated.</summary>
    [Id(2)]
    public TrustTier Tier { get; init; }

    /// <summary>When the tier last changed (it is evaluated at most daily).</summary>
    [Id(3)]
    public DateTimeOffset? TierChangedAt { get; init; }
}
