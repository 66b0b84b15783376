using PingActors.Import.Runs;

namespace PingActors.Import.Importing;

/// <summary>How a run ended: what it did, and how many source rows it left behind (listed in the report).</summary>
public sealed record ImportOutcome(int RunId, ImportCounts Counts, long LeftBehind);
