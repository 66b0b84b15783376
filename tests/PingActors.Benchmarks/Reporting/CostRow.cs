namespace PingActors.Benchmarks.Reporting;

/// <summary>The p50 of one operation in a small and in a large case.</summary>
internal sealed record CostRow(string Operation, string SmallCase, double SmallP50, string LargeCase, double LargeP50)
{
    public double Growth => LargeP50 / SmallP50 - 1;
}
