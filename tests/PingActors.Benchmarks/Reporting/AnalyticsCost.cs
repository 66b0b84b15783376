namespace PingActors.Benchmarks.Reporting;

/// <summary>The analytics rounds compared: latency of the steady load, burst throughput, latency of the load after the burst.</summary>
internal sealed record AnalyticsCost(
    AnalyticsComparison SteadyP50, AnalyticsComparison SteadyP95, AnalyticsComparison SteadyP99, AnalyticsComparison BurstPerSecond,
    AnalyticsComparison AfterBurstP50, AnalyticsComparison AfterBurstP95, AnalyticsComparison AfterBurstP99);
