using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Measures;

/// <summary>A system the measures can run, by the name <c>--systems</c> selects it by.</summary>
/// <param name="Create">Builds the system on the run's database and host.</param>
internal sealed record SystemChoice(string Name, Func<MeasureContext, IPingSystem> Create);
