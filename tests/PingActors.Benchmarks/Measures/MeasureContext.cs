using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Measures;

/// <summary>What the measures of one run share, and the report they fill.</summary>
/// <param name="systems">The systems the plan selects, in the order each measure runs them.</param>
internal sealed class MeasureContext(
    BenchmarkPlan plan,
    RunDisplay display,
    BenchmarkDatabase database,
    PingActorsHost host,
    Workload workload,
    SeededHistory history,
    BenchmarkReport report,
    IReadOnlyList<SystemChoice> systems)
{
    public BenchmarkPlan Plan => plan;

    public RunDisplay Display => display;

    public BenchmarkDatabase Database => database;

    /// <summary>PingActors, running: the API host with its silo, and an Orleans client.</summary>
    public PingActorsHost Host => host;

    public Workload Workload => workload;

    public SeededHistory History => history;

    public BenchmarkReport Report => report;

    /// <summary>
    /// The systems the plan selects, built when a measure first asks for them: the HTTP system issues a token per
    /// sender, and those must not count in the memory figure, which is taken before.
    /// </summary>
    public IReadOnlyList<IPingSystem> Systems => field ??= [.. systems.Where(s => plan.Systems.Contains(s.Name)).Select(s => s.Create(this))];
}
