namespace PingActors.Benchmarks.Reporting;

/// <summary>Insight reads over HTTP at <paramref name="Clients"/> clients while pings flow at <paramref name="PingRate"/> a second.</summary>
internal sealed record InsightReadRow(int Clients, double PerSecond, double P50, double P95, double P99, long Failed, double PingRate, double PingP99);
