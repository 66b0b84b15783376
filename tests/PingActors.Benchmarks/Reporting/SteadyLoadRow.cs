namespace PingActors.Benchmarks.Reporting;

/// <summary>Open-loop load at <paramref name="Rate"/> pings per second, the latency it saw, and the process's GC pauses meanwhile.</summary>
internal sealed record SteadyLoadRow(double Rate, double P50, double P95, double P99, long Admitted, long Failed, TimeSpan GcPause, int Collections);
