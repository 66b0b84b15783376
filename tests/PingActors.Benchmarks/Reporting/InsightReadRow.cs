namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// Insight reads over HTTP, due at <paramref name="Rate"/> a second, while pings flow at <paramref name="PingRate"/> a
/// second (with a p99 of <paramref name="PingP99"/>; null when the reads ran alone); latency from when each read was due.
/// </summary>
internal sealed record InsightReadRow(double Rate, double PerSecond, double P50, double P95, double P99, long Failed, double PingRate, double? PingP99);
