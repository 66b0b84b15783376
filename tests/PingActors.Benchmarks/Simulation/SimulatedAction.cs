namespace PingActors.Benchmarks.Simulation;

/// <summary>What a simulated owner does with a ping.</summary>
internal enum SimulatedAction
{
    Respond,
    Decline,
}
