namespace PingActors.Limits;

/// <summary>A sender's allowance for the current day.</summary>
/// <param name="DailyLimit">Pings the sender may send per day.</param>
/// <param name="SentToday">Pings the sender has sent since the last reset.</param>
/// <param name="ResetAt">When the allowance next resets.</param>
/// <param name="CooldownUntil">The end of an active cooldown, or <see langword="null"/> when there is none.</param>
[GenerateSerializer, Immutable, Alias("pingactors.allowance")]
public sealed record Allowance(int DailyLimit, int SentToday, DateTimeOffset ResetAt, DateTimeOffset? CooldownUntil)
{
    /// <summary>Pings the sender may still send today.</summary>
    public int Remaining => Math.Max(0, DailyLimit - SentToday);
}
