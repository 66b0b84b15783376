namespace PingActors.Benchmarks.Reporting;

/// <summary>Concurrent pings from one fresh sender, more of them than its daily limit: what was admitted, and what the database holds.</summary>
internal sealed record ExactnessRow(string System, int Sent, int Admitted, long Rows);
