namespace PingActors.Analytics;

/// <summary>The population's responses in one bin of the response-time grid, and the pings censored in it.</summary>
internal sealed class TimeBinCounts
{
    public int Responses { get; set; }

    public int Censored { get; set; }
}
