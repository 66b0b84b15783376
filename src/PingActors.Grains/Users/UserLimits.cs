namespace PingActors.Users;

/// <summary>What an admin set for a sender, as their grain holds it.</summary>
/// <param name="DailyLimit">Their own daily limit, or <see langword="null"/> for the default.</param>
/// <param name="CooldownUntil">The end of their cooldown, if one was set.</param>
internal sealed record UserLimits(int? DailyLimit, DateTimeOffset? CooldownUntil)
{
    public static readonly UserLimits None = new(null, null);
}
