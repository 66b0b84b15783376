namespace PingActors.Benchmarks.Reporting;

/// <summary>100 concurrent pings from one fresh sender whose limit is 50.</summary>
internal sealed record ExactnessRow(string System, int Sent, int Admitted, long Rows);
