namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// Insight reads over HTTP on a <paramref name="Shape"/> of PingActors (<see cref="InsightReadShapes"/>), due at
/// <paramref name="Rate"/> a second, while <paramref name="PingSystem"/> pings at <paramref name="PingRate"/> a second
/// (with a p99 of <paramref name="PingP99"/>; null when the reads ran alone); latency from when each read was due.
/// </summary>
internal sealed record InsightReadRow(
    string Shape, double Rate, double PerSecond, double P50, double P95, double P99, long Failed, string PingSystem, double PingRate, double? PingP99);

/// <summary>Where the insight reads were served.</summary>
internal static class InsightReadShapes
{
    /// <summary>The benchmark's host: a silo and the API in one process.</summary>
    public const string SingleNode = "single node";

    /// <summary>As the compose file deploys: an API node in a process apart from the silo's.</summary>
    public const string Deployed = "API node apart";
}
