namespace PingActors.Limits;

/// <summary>A sender's allowance now, and every rule that applies to them.</summary>
/// <param name="DailyLimit">The sender's cap: pings a day (the bucket's size when it refills continuously).</param>
/// <param name="SentToday">Pings the sender has sent since the start of the allowance day.</param>
/// <param name="ResetAt">When the allowance is whole again: the bucket full, or the day over.</param>
/// <param name="CooldownUntil">The end of an active cooldown (an admin's or an adaptive one), or <see langword="null"/>.</param>
/// <param name="Remaining">Pings the sender may send now under the allowance.</param>
/// <param name="Tier">The sender's trust tier.</param>
/// <param name="Rules">Every rule that applies, with what is left under it and when it resets.</param>
[GenerateSerializer, Immutable, Alias("pingactors.allowance")]
public sealed record Allowance(
    int DailyLimit,
    int SentToday,
    DateTimeOffset ResetAt,
    DateTimeOffset? CooldownUntil,
    int Remaining,
    TrustTier Tier,
    IReadOnlyList<LimitRule> Rules)
{
    public bool Equals(Allowance? other) =>
        other is not null && (DailyLimit, SentToday, ResetAt, CooldownUntil, Remaining, Tier) == (other.DailyLimit, other.SentToday, other.ResetAt, other.CooldownUntil, other.Remaining, other.Tier)
        && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => HashCode.Combine(DailyLimit, SentToday, ResetAt, CooldownUntil, Remaining, Tier, Rules.Count);
}
