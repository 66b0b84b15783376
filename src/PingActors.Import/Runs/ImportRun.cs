namespace PingActors.Import.Runs;

/// <summary>A run of the import as its bookkeeping row records it.</summary>
/// <param name="AsOf">The moment the run treats as now, fixed when it starts: a resumed run decides exactly as it would have.</param>
/// <param name="Checkpoint">The last key the current phase has moved.</param>
/// <param name="Resumed">Whether this run was started earlier and is being resumed.</param>
public sealed record ImportRun(
    int RunId, string Design, string Source, DateTimeOffset AsOf, string Phase, string? Checkpoint, int ChunksDone, ImportCounts Counts, bool Resumed);
