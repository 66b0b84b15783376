namespace PingActors.Analytics;

/// <summary>
/// The bins response times are counted in for the predictions: eight per doubling of the time, from one second to
/// about a year, with integer edges (whole seconds) so the workers (here) and the rebuild (PostgreSQL's
/// <c>width_bucket</c> over <see cref="Edges"/>) put every time in the same bin. A bin's time is its geometric
/// centre; its log enters the owners' sums as an integer (<see cref="LogScale"/>), so those sums are exact. The
/// grid is part of the stored figures: changing it needs a rebuild.
/// </summary>
public static class ResponseTimeGrid
{
    /// <summary>The log of a time, in seconds, is stored multiplied by this and rounded.</summary>
    public const long LogScale = 10_000;

    /// <summary>The bin of the pings that can no longer be answered (declined, expired): censored at the end of time.</summary>
    public const short Never = short.MaxValue;

    private const int BinsPerDoubling = 8;
    private const int Doublings = 25;

    /// <summary>The lower edge of bins 1, 2, ... in whole seconds; bin 0 holds times under a second.</summary>
    public static IReadOnlyList<long> Edges { get; } = BuildEdges();

    /// <summary>ln(centre in seconds) x <see cref="LogScale"/>, rounded, of bins 0 .. <see cref="Edges"/>.Count.</summary>
    public static IReadOnlyList<long> CentreLogs { get; } = BuildCentreLogs();

    /// <summary>The last bin: times from its edge on.</summary>
    public static int LastBin => Edges.Count;

    /// <summary>The bin of a time of <paramref name="seconds"/> whole seconds, as <c>width_bucket(seconds, Edges)</c> gives it.</summary>
    public static short BinOf(long seconds)
    {
        var (low, high) = (0, Edges.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Edges[middle] <= seconds)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return (short)low;
    }

    /// <summary>The bin's lower edge in seconds (0 for bin 0).</summary>
    public static double LowerEdge(int bin) => bin == 0 ? 0 : Edges[bin - 1];

    /// <summary>The bin's upper edge in seconds (one more doubling-step past the last edge, for the last bin).</summary>
    public static double UpperEdge(int bin) => bin < Edges.Count ? Edges[bin] : Edges[^1] * Math.Pow(2, 1.0 / BinsPerDoubling);

    /// <summary>The bin's centre in seconds: geometric, and half a second for bin 0.</summary>
    public static double Centre(int bin) => bin == 0 ? 0.5 : Math.Sqrt(LowerEdge(bin) * UpperEdge(bin));

    private static long[] BuildEdges()
    {
        var edges = new List<long>();
        for (var step = 0; step <= BinsPerDoubling * Doublings; step++)
        {
            var edge = (long)Math.Round(Math.Pow(2, step / (double)BinsPerDoubling));
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    private static long[] BuildCentreLogs() =>
        [.. Enumerable.Range(0, Edges.Count + 1).Select(bin => (long)Math.Round(Math.Log(Centre(bin)) * LogScale))];
}
