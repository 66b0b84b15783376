namespace PingActors.Users;

/// <summary>
/// What an admin set for a sender, as grain storage held it before <c>user_limits</c> existed. Never written any
/// more: a user whose row is flagged legacy reads it once their grain activates. The serializer's alias and ids
/// stay as they were, so old rows read.
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
