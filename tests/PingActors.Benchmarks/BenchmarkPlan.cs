using PingActors.Benchmarks.GroundTruth;

namespace PingActors.Benchmarks;

/// <summary>What one benchmark run does, and at what size.</summary>
/// <param name="ClientCounts">Concurrent clients for the throughput runs.</param>
/// <param name="Duration">How long each measured throughput run lasts.</param>
/// <param name="Warmup">How long each system runs unmeasured before it is measured.</param>
/// <param name="Users">Senders, drawn at random.</param>
/// <param name="Owners">Listing owners.</param>
/// <param name="Listings">Pre-registered listings, pinged at random.</param>
/// <param name="MemoryGrains">User grains and chat grains activated for the memory figure (each).</param>
/// <param name="History">Messages in the long chat, and pings in the long-serving user's history.</param>
/// <param name="CostSamples">Sequential calls timed for each cost-growth figure.</param>
/// <param name="AnalyticsRounds">
/// The analytics comparison: one round per entry, with the event workers on (<c>true</c>) or held off, in this
/// order; on, off, off, on, off, on, on, off cancels steady drift in the machine.
/// </param>
/// <param name="GroundTruth">The synthetic ground truth the insights measure judges the predictions on.</param>
public sealed record BenchmarkPlan(
    IReadOnlyList<int> ClientCounts,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Users,
    int Owners,
    int Listings,
    int MemoryGrains,
    int History,
    int CostSamples,
    IReadOnlyList<bool> AnalyticsRounds,
    GroundTruthPlan GroundTruth)
{
    /// <summary>Which systems run, by the names of <see cref="BenchmarkRunner.Systems"/>; all by default.</summary>
    public IReadOnlySet<string> Systems { get; init; } = BenchmarkRunner.Systems.Select(system => system.Name).ToHashSet();

    /// <summary>Which measurements run, by the names of <see cref="BenchmarkRunner.Measures"/>; all by default.</summary>
    public IReadOnlySet<string> Measures { get; init; } = BenchmarkRunner.Measures.Select(measure => measure.Name).ToHashSet();

    /// <summary>Streams open on the API node for the stream measure (listing owners first).</summary>
    public int Streams { get; init; } = 5_000;

    /// <summary>The longest a tier round waits, after the warm-up, for the PingActors host's compiler to settle.</summary>
    public TimeSpan SettleLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The stream measure's steady ping rate, with and without the streams open.</summary>
    public double StreamRate { get; init; } = 2_000;

    /// <summary>The sizes the issue sets: 100,000 users, 10,000 listings of 1,000 owners, 100,000 grains of each kind.</summary>
    public static BenchmarkPlan Full(IReadOnlyList<int> clients, TimeSpan duration) =>
        new(clients, duration, TimeSpan.FromSeconds(3), 100_000, 1_000, 10_000, 100_000, 10_000, 2_000, [true, false, false, true, false, true, true, false], GroundTruthPlan.Full());

    /// <summary>A few seconds of everything, to prove the benchmark still runs.</summary>
    public static BenchmarkPlan Smoke() =>
        new([4], TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300), 2_000, 50, 500, 2_000, 500, 100, [true, false], GroundTruthPlan.Smoke()) { Streams = 100, StreamRate = 100, SettleLimit = TimeSpan.FromSeconds(2) };
}
