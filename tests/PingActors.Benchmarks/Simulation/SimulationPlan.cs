namespace PingActors.Benchmarks.Simulation;

/// <summary>How big a marketplace to simulate, and for how long.</summary>
internal sealed record SimulationPlan(int Days, int Owners, int GoodSenders, int Spammers, int Seed)
{
    public static SimulationPlan Smoke { get; } = new(Days: 2, Owners: 30, GoodSenders: 30, Spammers: 3, Seed: 17);
}
