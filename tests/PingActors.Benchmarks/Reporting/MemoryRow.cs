namespace PingActors.Benchmarks.Reporting;

/// <summary>The process after activating this many grains.</summary>
internal sealed record MemoryRow(int Users, int Chats, int Activations, long WorkingSetBytes, long ManagedHeapBytes);
