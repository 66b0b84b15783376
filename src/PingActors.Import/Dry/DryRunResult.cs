using PingActors.Import.Sources;

namespace PingActors.Import.Dry;

/// <summary>What a dry run read and how long its steps took (extract, owners, prepare).</summary>
public sealed record DryRunResult(SourceShape Shape, DateTimeOffset AsOf, DateOnly Today, IReadOnlyDictionary<string, long> SourceRows, IReadOnlyDictionary<string, TimeSpan> Timings);
