using PingActors.Limits;

namespace PingActors.Users;

/// <summary>
/// What an admin set for a sender, and their trust tier. Today's count is not here: it is rebuilt from the ping rows when the grain
/// activates, so admitting a ping costs no state write. Immutable: a change is a new state, committed whole.
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
