using HdrHistogram;

namespace PingActors.Benchmarks;

/// <summary>What a load run saw. Latencies are in microseconds.</summary>
internal sealed record LoadResult(long Admitted, long Refused, long Failed, TimeSpan Elapsed, HistogramBase Latency)
{
    public long Calls => Admitted + Refused + Failed;

    public double AdmittedPerSecond => Admitted / Elapsed.TotalSeconds;

    public double RefusedPerSecond => Refused / Elapsed.TotalSeconds;

    /// <summary>This run and <paramref name="other"/> as if they were one.</summary>
    public LoadResult Merge(LoadResult other)
    {
        var latency = Latency.Copy();
        latency.Add(other.Latency);
        return new LoadResult(Admitted + other.Admitted, Refused + other.Refused, Failed + other.Failed, Elapsed + other.Elapsed, latency);
    }

    /// <summary>The latency at <paramref name="percentile"/> (0-100), in milliseconds.</summary>
    public double Milliseconds(double percentile) => Latency.GetValueAtPercentile(percentile) / 1000.0;
}
