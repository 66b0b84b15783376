using System.Globalization;

namespace PingActors.Benchmarks.Tiers;

/// <summary>Names of the senders a round sets apart from the workload's (for example, senders who are over their limit).</summary>
internal static class TierSenders
{
    /// <summary>How many senders at their limit a refusal round spreads its pings over.</summary>
    public const int AtTheLimit = 64;

    public static string Name(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index:D4}");

    public static string[] All(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => Name(prefix, i))];
}
