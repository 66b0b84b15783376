namespace PingActors.Benchmarks.Tiers;

/// <summary>What sets a tier round apart from plain pings, as the report names it.</summary>
internal static class TierVariants
{
    public const string AnalyticsOff = "analytics off";
    public const string AnalyticsOnAgain = "analytics on, after the round without";
    public const string Refusals = "refusals at the limit";
}
