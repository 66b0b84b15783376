namespace PingActors.Benchmarks.Reporting;

/// <summary>Admitted pings per second and the latency of every call, at one client count.</summary>
internal sealed record ThroughputRow(string System, int Clients, double PerSecond, double P50, double P95, double P99, long Admitted, long Refused, long Failed);
