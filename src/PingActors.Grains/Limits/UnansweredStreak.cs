namespace PingActors.Limits;

/// <summary>
/// The adaptive cooldown: after <see cref="LimitPolicy.AdaptiveCooldownAfter"/> pings in a row expired or were declined, a
/// cooldown of base × 2^(k − after) (capped) starts at the last of them; any answer ends the streak.
/// </summary>
internal sealed class UnansweredStreak
{
    /// <summary>Consecutive pings expired or declined since the last answer.</summary>
    public int Count { get; private set; }

    /// <summary>When the last of them expired or was declined.</summary>
    public DateTimeOffset? LastAt { get; private set; }

    public void Unanswered(DateTimeOffset at)
    {
        Count++;
        LastAt = LastAt is { } last && last > at ? last : at;
    }

    public void Answered() => (Count, LastAt) = (0, null);

    /// <summary>The end of the cooldown the streak causes under <paramref name="policy"/>, if any.</summary>
    public DateTimeOffset? CooldownUntil(LimitPolicy policy)
    {
        if (policy.AdaptiveCooldownAfter is not { } after || Count < after || LastAt is not { } last)
        {
            return null;
        }

        var doublings = Math.Min(Count - after, 30);
        var length = TimeSpan.FromTicks(Math.Min(policy.AdaptiveCooldownBase.Ticks * (1L << doublings), policy.AdaptiveCooldownMax.Ticks));
        return last + length;
    }
}
