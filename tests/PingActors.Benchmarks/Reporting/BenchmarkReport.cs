namespace PingActors.Benchmarks.Reporting;

/// <summary>Everything one run measured.</summary>
internal sealed class BenchmarkReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required BenchmarkPlan Plan { get; init; }

    public required string Environment { get; init; }

    /// <summary>How long a WAL-like flush takes on the server's disk, when the run started the server.</summary>
    public DiskFlushes? Disk { get; init; }

    public List<ThroughputRow> Throughput { get; } = [];

    public List<ExactnessRow> Exactness { get; } = [];

    public List<RejectionRow> Rejection { get; } = [];

    public List<CostRow> Cost { get; } = [];

    public List<AnalyticsRow> Analytics { get; } = [];

    /// <summary>Cost per ping by tier: one row per system and round variant.</summary>
    public List<TierRow> Tiers { get; } = [];

    /// <summary>The floor: a minimal endpoint that calls a grain, measured as the tier rounds measure PingActors.</summary>
    public List<FloorRow> Floors { get; } = [];

    /// <summary>The seed's claims against the legacy design, as measured.</summary>
    public List<ClaimRow> Claims { get; } = [];

    public MemoryRow? Memory { get; set; }

    public StreamRow? Stream { get; set; }

    /// <summary>The predictions judged against the synthetic ground truth.</summary>
    public GroundTruth.GroundTruthResult? GroundTruth { get; set; }

    /// <summary>Insight reads over HTTP, alone and while pings flow.</summary>
    public List<InsightReadRow> InsightReads { get; } = [];

    /// <summary>Where a ping's time goes at one client, per system.</summary>
    public List<LatencyRow> Latency { get; } = [];

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
        Rejection.FirstOrDefault(r => r.System == Systems.SystemNames.Seed && r.Rule == RejectionRow.DailyRule)?.PerSecond ?? double.NaN;
}
