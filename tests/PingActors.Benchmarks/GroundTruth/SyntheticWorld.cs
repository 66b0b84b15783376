namespace PingActors.Benchmarks.GroundTruth;

/// <summary>The generated owners, their pings and every action, in time order.</summary>
public sealed record SyntheticWorld(IReadOnlyList<OwnerTruth> Owners, IReadOnlyList<PlannedPing> Pings, IReadOnlyList<SimulatedAction> Actions, IReadOnlyList<string> Senders);
