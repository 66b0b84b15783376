namespace PingActors.Benchmarks.Reporting;

/// <summary>Everything one run measured.</summary>
internal sealed class BenchmarkReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required BenchmarkPlan Plan { get; init; }

    public required string Environment { get; init; }

    public List<ThroughputRow> Throughput { get; } = [];

    public List<ExactnessRow> Exactness { get; } = [];

    public List<RejectionRow> Rejection { get; } = [];

    public List<CostRow> Cost { get; } = [];

    public List<AnalyticsRow> Analytics { get; } = [];

    public MemoryRow? Memory { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>The seed's throughput at the same client count, for ratios.</summary>
    public double SeedThroughput(int clients) =>
        Throughput.FirstOrDefault(r => r.Clients == clients && r.System == Systems.SystemNames.Seed)?.PerSecond ?? double.NaN;

    /// <summary>
    /// The median round's figures with the analytics workers on and off (a median, so one stall of the machine in
    /// one round does not decide it), and how far rounds with the same setting differ from each other; null
    /// unless both ran.
    /// </summary>
    public AnalyticsCost? AnalyticsCost()
    {
        var (on, off) = (Analytics.Where(r => r.Workers).ToList(), Analytics.Where(r => !r.Workers).ToList());
        if (on.Count == 0 || off.Count == 0)
        {
            return null;
        }

        return new AnalyticsCost(
            Compare(r => r.Steady.P50), Compare(r => r.Steady.P95), Compare(r => r.Steady.P99), Compare(r => r.PerSecond),
            Compare(r => r.AfterBurst.P50), Compare(r => r.AfterBurst.P95), Compare(r => r.AfterBurst.P99));

        AnalyticsComparison Compare(Func<AnalyticsRow, double> figure) =>
            new(Median(on, figure), Median(off, figure), Math.Max(Spread(on, figure), Spread(off, figure)));

        static double Median(List<AnalyticsRow> rows, Func<AnalyticsRow, double> figure)
        {
            var sorted = rows.Select(figure).Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        // The largest difference between two rounds with the same setting, as a share of the smaller.
        static double Spread(List<AnalyticsRow> rows, Func<AnalyticsRow, double> figure) => rows.Max(figure) / rows.Min(figure) - 1;
    }

    /// <summary>The seed's rejections per second, or NaN when the seed was not run.</summary>
    public double SeedRejection() =>
        Rejection.FirstOrDefault(r => r.System == Systems.SystemNames.Seed)?.PerSecond ?? double.NaN;
}

/// <summary>Admitted pings per second and the latency of every call, at one client count.</summary>
internal sealed record ThroughputRow(string System, int Clients, double PerSecond, double P50, double P95, double P99, long Admitted, long Refused, long Failed);

/// <summary>100 concurrent pings from one fresh sender whose limit is 50.</summary>
internal sealed record ExactnessRow(string System, int Sent, int Admitted, long Rows);

/// <summary>A sender over the limit pinging repeatedly.</summary>
internal sealed record RejectionRow(string System, int Clients, double PerSecond, double RoundTripsPerRejection);

/// <summary>The p50 of one operation in a small and in a large case.</summary>
internal sealed record CostRow(string Operation, string SmallCase, double SmallP50, string LargeCase, double LargeP50)
{
    public double Growth => LargeP50 / SmallP50 - 1;
}

/// <summary>The process after activating this many grains.</summary>
internal sealed record MemoryRow(int Users, int Chats, int Activations, long WorkingSetBytes, long ManagedHeapBytes);

/// <summary>One round of the analytics measure, with the event workers on or off.</summary>
/// <param name="Steady">The steady load before the burst (latency from when each ping was due).</param>
/// <param name="PerSecond">The burst: the closed loop at <paramref name="Clients"/>.</param>
/// <param name="UnprocessedAfterBurst">Events waiting when the burst ended.</param>
/// <param name="AfterBurst">The same steady load right after the burst.</param>
/// <param name="CaughtUpAfter">How long into <paramref name="AfterBurst"/> running workers had applied what the burst left; null if not by its end, or off.</param>
/// <param name="LeftAfter">Events still waiting when <paramref name="AfterBurst"/> ended.</param>
/// <param name="Drained">Events earlier rounds left, which this round's workers applied before it was measured.</param>
internal sealed record AnalyticsRow(
    int Round, bool Workers, int Clients, SteadyLoadRow Steady, double PerSecond, double P50, double P99, long UnprocessedAfterBurst,
    SteadyLoadRow AfterBurst, TimeSpan? CaughtUpAfter, long LeftAfter, long Drained, TimeSpan DrainTime);

/// <summary>Open-loop load at <paramref name="Rate"/> pings per second, the latency it saw, and the process's GC pauses meanwhile.</summary>
internal sealed record SteadyLoadRow(double Rate, double P50, double P95, double P99, long Admitted, long Failed, TimeSpan GcPause, int Collections);

/// <summary>The analytics rounds compared: latency of the steady load, burst throughput, latency of the load after the burst.</summary>
internal sealed record AnalyticsCost(
    AnalyticsComparison SteadyP50, AnalyticsComparison SteadyP95, AnalyticsComparison SteadyP99, AnalyticsComparison BurstPerSecond,
    AnalyticsComparison AfterBurstP50, AnalyticsComparison AfterBurstP95, AnalyticsComparison AfterBurstP99);

/// <summary>
/// One figure in the median round with the workers on and off, and the noise: the largest difference between two
/// rounds with the same setting, as a share.
/// </summary>
internal sealed record AnalyticsComparison(double On, double Off, double Noise)
{
    public double Change => On / Off - 1;
}
