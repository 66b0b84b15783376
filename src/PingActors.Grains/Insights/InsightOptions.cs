using System.ComponentModel.DataAnnotations;

namespace PingActors.Insights;

/// <summary>The predictions (configuration section <c>Insights</c>).</summary>
public sealed class InsightOptions
{
    public const string Section = "Insights";

    /// <summary>
    /// How often the population model (the prior, the response-time model, the Kaplan-Meier curves, the
    /// hour-of-week profile) is refitted, on the domain clock; one silo at a time does it. Zero: never in this silo.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RefitInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a process that did not fit the model itself looks for a newer fit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ModelRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The settled pings an owner needs to count in the fit of the answer-probability prior.</summary>
    [Range(2, 100_000)]
    public int PriorMinPings { get; set; } = 10;

    /// <summary>The answers an owner needs to count in the fit of how much owners' response times differ.</summary>
    [Range(2, 100_000)]
    public int TimeMinAnswers { get; set; } = 5;

    /// <summary>Below this many such owners the fits fall back to weak, population-wide defaults.</summary>
    [Range(2, 100_000)]
    public int MinOwners { get; set; } = 20;

    /// <summary>How many actions of the population's shape an owner's hour-of-week profile starts from.</summary>
    [Range(0.0, 10_000.0)]
    public double ProfileStrength { get; set; } = 24;

    /// <summary>The length in hours of the best window to ping in.</summary>
    [Range(1, 24)]
    public int WindowHours { get; set; } = 3;

    /// <summary>The probability of the credible intervals.</summary>
    [Range(0.5, 0.99)]
    public double CredibleLevel { get; set; } = 0.9;

    /// <summary>How old an owner's summary in a ping's answer may get before it is read again (in the background).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SummaryMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most owners whose summaries one process keeps in memory; the least recently used go first.</summary>
    [Range(100, 10_000_000)]
    public int SummaryCacheSize { get; set; } = 100_000;

    /// <summary>
    /// How old the figures behind an insights read may get before they are read again. Until then a read is served
    /// from the API node's memory; after it, the old figures are still served while a read in the background
    /// replaces them, so only the first read of an owner or a listing waits for the database. Zero: every read
    /// goes to the database.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReadMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most owners, and the most listings, whose figures one API node keeps for insights reads; the least recently read go first.</summary>
    [Range(100, 10_000_000)]
    public int ReadCacheSize { get; set; } = 100_000;

    /// <summary>The most owners one background read of summaries takes.</summary>
    [Range(1, 10_000)]
    public int SummaryBatchSize { get; set; } = 500;
}
