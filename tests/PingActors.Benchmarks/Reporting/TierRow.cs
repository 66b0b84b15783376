using PingActors.Benchmarks.Tiers;

namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// What one ping (or one refusal, in a round of refusals) cost each tier, in one warm round: CPU of PostgreSQL, of
/// the PingActors host (null for the designs that have none) and of the load generator, in microseconds; the bytes
/// the PingActors host allocated (null for the designs); WAL bytes, transaction ids (writing transactions and
/// subtransactions) and database round trips.
/// </summary>
/// <param name="Variant">What sets the round apart ("" for plain pings).</param>
/// <param name="AnalyticsPostgresMicros">PingActors: what applying the round's analytics events cost PostgreSQL afterwards, per ping.</param>
/// <param name="AnalyticsDotnetMicros">PingActors: what the same cost the host (its workers, and whatever else ran meanwhile), per ping.</param>
/// <param name="KeptWarm">Calls the load generator made between its warm-up and the measured run, while the round waited for the host to settle.</param>
/// <param name="DotnetSplit">PingActors: the host's CPU in the round by the kind of thread that spent it, and its garbage collections.</param>
/// <param name="PerSecond">Operations (admitted pings, or refusals) per second.</param>
internal sealed record TierRow(
    string System,
    string Variant,
    int Clients,
    long Operations,
    long Failed,
    double PerSecond,
    double P50,
    double P99,
    double? PostgresMicros,
    double? DotnetMicros,
    double? AllocatedBytes,
    double LoadMicros,
    double WalBytes,
    double Transactions,
    double RoundTrips,
    double? AnalyticsPostgresMicros = null,
    double? AnalyticsDotnetMicros = null,
    DotnetSplit? DotnetSplit = null,
    long KeptWarm = 0)
{
    /// <summary>Operations one PostgreSQL core carries per second at this cost.</summary>
    public double? PerPostgresCore => PostgresMicros is > 0 and var micros ? 1_000_000 / micros : null;

    /// <summary>The same with the analytics events applied too (PingActors; the designs have no worker that applies theirs).</summary>
    public double? PerPostgresCoreWithAnalytics => PostgresMicros + AnalyticsPostgresMicros is > 0 and var micros ? 1_000_000 / micros : null;

    /// <summary>Operations one core of PingActors' .NET processes carries per second at this cost.</summary>
    public double? PerDotnetCore => DotnetMicros is > 0 and var micros ? 1_000_000 / micros : null;
}
