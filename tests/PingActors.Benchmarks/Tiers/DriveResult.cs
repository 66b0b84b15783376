namespace PingActors.Benchmarks.Tiers;

/// <summary>What the load generator of a tier round saw in its measured part; latencies in milliseconds.</summary>
/// <param name="RoundTrips">Database operations the load generator itself made (the seed's and the legacy design's clients talk to PostgreSQL).</param>
/// <param name="KeptWarm">Calls it made after saying <c>warm</c>, while the round waited (for the host to settle) before the measured part.</param>
internal sealed record DriveResult(long Admitted, long Refused, long Failed, double Seconds, double P50, double P95, double P99, long RoundTrips, long KeptWarm);
