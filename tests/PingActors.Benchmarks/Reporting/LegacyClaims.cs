using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;

namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// The seed's four "expected performance gains", checked against the legacy design from the tier rounds of one
/// run. A claim of "N% faster" is read as the seed saving N% of the legacy's cost (PostgreSQL CPU, the part that
/// does not scale out); "overall" as the gain in pings per second end to end.
/// </summary>
internal static class LegacyClaims
{
    public static IEnumerable<ClaimRow> From(IReadOnlyList<TierRow> tiers)
    {
        var (legacy, seed) = (Row(SystemNames.Legacy, ""), Row(SystemNames.Seed, ""));
        var (legacyOff, seedOff) = (Row(SystemNames.Legacy, TierVariants.AnalyticsOff), Row(SystemNames.Seed, TierVariants.AnalyticsOff));
        var (legacyRefusals, seedRefusals) = (Row(SystemNames.Legacy, TierVariants.Refusals), Row(SystemNames.Seed, TierVariants.Refusals));
        if (legacy is null || seed is null)
        {
            yield break;
        }

        yield return Saving("Ping creation: 70% faster (1 operation vs 4)", "PostgreSQL CPU per ping, µs", legacy.PostgresMicros, seed.PostgresMicros, 0.7);
        yield return Saving("Ping creation: 70% faster (1 operation vs 4)", "latency p50 per ping, ms", legacy.P50, seed.P50, 0.7);
        if (legacyRefusals is not null && seedRefusals is not null)
        {
            yield return Saving("Limit checking: 90% faster (cache vs database)", "PostgreSQL CPU per refusal, µs", legacyRefusals.PostgresMicros, seedRefusals.PostgresMicros, 0.9);
            yield return Saving("Limit checking: 90% faster (cache vs database)", "latency p50 per refusal, ms", legacyRefusals.P50, seedRefusals.P50, 0.9);
        }

        var (legacyAgain, seedAgain) = (Row(SystemNames.Legacy, TierVariants.AnalyticsOnAgain), Row(SystemNames.Seed, TierVariants.AnalyticsOnAgain));
        if (legacyOff is not null && seedOff is not null && legacyAgain is not null && seedAgain is not null)
        {
            var legacyCost = (legacy.PostgresMicros + legacyAgain.PostgresMicros) / 2 - legacyOff.PostgresMicros;
            var seedCost = (seed.PostgresMicros + seedAgain.PostgresMicros) / 2 - seedOff.PostgresMicros;
            var noise = Math.Max(Math.Abs((legacy.PostgresMicros - legacyAgain.PostgresMicros) ?? 0), Math.Abs((seed.PostgresMicros - seedAgain.PostgresMicros) ?? 0));
            yield return Saving("Analytics: 80% faster (background vs real-time)", "PostgreSQL CPU of analytics per ping (mean of the rounds on minus the round off), µs",
                legacyCost, seedCost, 0.8) with { Noise = noise };
        }

        yield return new ClaimRow("Overall system: 60-80% improvement", "pings/s end to end", legacy.PerSecond, seed.PerSecond, seed.PerSecond / legacy.PerSecond - 1, 0.6);
        yield return Saving("Overall system: 60-80% improvement", "PostgreSQL CPU per ping, µs", legacy.PostgresMicros, seed.PostgresMicros, 0.6);

        TierRow? Row(string system, string variant) => tiers.LastOrDefault(r => r.System == system && r.Variant == variant);
    }

    private static ClaimRow Saving(string claim, string figure, double? legacy, double? seed, double claimed) =>
        new(claim, figure, legacy ?? double.NaN, seed ?? double.NaN, 1 - ((seed ?? double.NaN) / (legacy ?? double.NaN)), claimed);
}
