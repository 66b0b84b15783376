namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// A round's .NET CPU per operation by the role of the thread that spent it, in microseconds (they add up to the
/// round's .NET CPU), and the garbage collections it took: counts per 1,000 operations (a gen1 collection is also
/// counted as gen0, a gen2 as both) and the time the process was paused for them, per operation.
/// </summary>
internal sealed record DotnetSplit(IReadOnlyDictionary<ThreadRole, double> Micros, double Gen0PerThousand, double Gen1PerThousand, double Gen2PerThousand, double PauseMicros);
