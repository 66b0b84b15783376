namespace PingActors.Benchmarks.Reporting;

/// <summary>One of the seed's claims against the legacy design, and what this run measured of it.</summary>
/// <param name="Claim">The claim in the seed's words.</param>
/// <param name="Figure">What was measured to check it, with its unit.</param>
/// <param name="Claimed">The improvement the seed claims, as a fraction (0.7 for "70% faster").</param>
/// <param name="Measured">The improvement measured, on the same scale: the share of the legacy's cost the seed saves, or its throughput gain.</param>
/// <param name="Noise">
/// For a figure that is a difference of two rounds: how far two rounds of the same setting differ, in the figure's
/// unit; a difference smaller than that is not a measurement. Zero otherwise.
/// </param>
internal sealed record ClaimRow(string Claim, string Figure, double Legacy, double Seed, double Measured, double Claimed, double Noise = 0)
{
    /// <summary>Whether a figure that is a difference stands out of the noise (in both designs).</summary>
    public bool Measurable => Noise == 0 || (Math.Abs(Legacy) > Noise && Math.Abs(Seed) > Noise);

    public bool Holds => Measurable && Measured >= Claimed;

    /// <summary>The verdict in words.</summary>
    public string Verdict => !Measurable ? "not measurable: smaller than the noise" : Holds ? "yes" : "no";
}
