namespace PingActors.Benchmarks.Reporting;

/// <summary>One of the seed's claims against the legacy design, and what this run measured of it.</summary>
/// <param name="Claim">The claim in the seed's words.</param>
/// <param name="Figure">What was measured to check it, with its unit.</param>
/// <param name="Claimed">The improvement the seed claims, as a fraction (0.7 for "70% faster").</param>
/// <param name="Measured">The improvement measured, on the same scale: the share of the legacy's cost the seed saves, or its throughput gain.</param>
internal sealed record ClaimRow(string Claim, string Figure, double Legacy, double Seed, double Measured, double Claimed)
{
    public bool Holds => Measured >= Claimed;
}
