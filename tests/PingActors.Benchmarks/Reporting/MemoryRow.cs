namespace PingActors.Benchmarks.Reporting;

/// <summary>The process after activating this many grains, and what it spends a second holding them idle.</summary>
internal sealed record MemoryRow(int Users, int Chats, int Activations, long WorkingSetBytes, long ManagedHeapBytes, IdleCost Idle);

/// <summary>CPU a second while nothing is sent: the process's (silo, API host, benchmark) and PostgreSQL's (null when it runs elsewhere).</summary>
internal sealed record IdleCost(double Seconds, double DotnetMsPerSecond, double? PostgresMsPerSecond);
