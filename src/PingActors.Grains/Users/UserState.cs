namespace PingActors.Users;

/// <summary>
/// What an admin set for a sender. Today's count is not here: it is rebuilt from the ping rows when the grain
/// activates, so admitting a ping costs no state write.
/// </summary>
[GenerateSerializer, Alias("pingactors.user-state")]
public sealed class UserState
{
    /// <summary>The sender's own daily limit, or <see langword="null"/> for the default.</summary>
    [Id(0)]
    public int? DailyLimit { get; set; }

    /// <summary>The end of the sender's cooldown, if one was set.</summary>
    [Id(1)]
    public DateTimeOffset? CooldownUntil { get; set; }
}
