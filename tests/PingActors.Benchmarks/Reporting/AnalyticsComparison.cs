namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// One figure in the median round with the workers on and off, and the noise: the largest difference between two
/// rounds with the same setting, as a share.
/// </summary>
internal sealed record AnalyticsComparison(double On, double Off, double Noise)
{
    public double Change => On / Off - 1;
}
