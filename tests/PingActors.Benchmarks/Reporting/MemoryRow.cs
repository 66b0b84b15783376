namespace PingActors.Benchmarks.Reporting;

/// <summary>The process after activating this many grains, and what it spends a second holding them idle.</summary>
/// <param name="WorkingSetBytes">The process's working set after full collections, as the garbage collector left it.</param>
/// <param name="ManagedHeapBytes">What the objects on the managed heap take.</param>
/// <param name="CommittedBytes">The memory the garbage collector holds for the heap: the objects and the free room it keeps.</param>
/// <param name="TrimmedWorkingSetBytes">The working set once an aggressive collection gave the collector's free room back.</param>
internal sealed record MemoryRow(
    int Users, int Chats, int Activations, long WorkingSetBytes, long ManagedHeapBytes, long CommittedBytes, long TrimmedWorkingSetBytes, IdleCost Idle);

/// <summary>CPU a second while nothing is sent: the process's (silo, API host, benchmark) and PostgreSQL's (null when it runs elsewhere).</summary>
internal sealed record IdleCost(double Seconds, double DotnetMsPerSecond, double? PostgresMsPerSecond);
