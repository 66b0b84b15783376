namespace PingActors.Users;

/// <summary>
/// What an admin set for a sender. Today's count is not here: it is rebuilt from the ping rows when the grain
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
}
