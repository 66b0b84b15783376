namespace PingActors.Benchmarks.Reporting;

/// <summary>One round of the analytics measure, with the event workers on or off.</summary>
/// <param name="Steady">The steady load before the burst (latency from when each ping was due).</param>
/// <param name="PerSecond">The burst: the closed loop at <paramref name="Clients"/>.</param>
/// <param name="UnprocessedAfterBurst">Events waiting when the burst ended.</param>
/// <param name="AfterBurst">The same steady load right after the burst.</param>
/// <param name="CaughtUpAfter">How long into <paramref name="AfterBurst"/> running workers had applied what the burst left; null if not by its end, or off.</param>
/// <param name="LeftAfter">Events still waiting when <paramref name="AfterBurst"/> ended.</param>
/// <param name="Drained">Events earlier rounds left, which this round's workers applied before it was measured.</param>
internal sealed record AnalyticsRow(
    int Round, bool Workers, int Clients, SteadyLoadRow Steady, double PerSecond, double P50, double P99, long UnprocessedAfterBurst,
    SteadyLoadRow AfterBurst, TimeSpan? CaughtUpAfter, long LeftAfter, long Drained, TimeSpan DrainTime);
