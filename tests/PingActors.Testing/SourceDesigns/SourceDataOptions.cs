namespace PingActors.Testing.SourceDesigns;

/// <summary>What <see cref="SourceDataGenerator"/> makes. The same options always make the same rows.</summary>
public sealed record SourceDataOptions
{
    /// <summary>The design whose tables the rows go into; it decides the limits table and what it holds.</summary>
    public SourceDesign Design { get; init; } = SourceDesign.Seed;

    /// <summary>The seed of the random choices.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The moment the data describes: no row is later, and "today" is its UTC day.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>How many ordinary pings to make (a little more: the last conversation is whole).</summary>
    public int Pings { get; init; } = 250;

    /// <summary>How far back the history goes.</summary>
    public int HistoryDays { get; init; } = 30;

    /// <summary>How long a ping stays pending in PingActors: it decides which pending pings are past their expiry.</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Whether to add the awkward cases an import has to cope with (see <see cref="AwkwardCases"/>).</summary>
    public bool AwkwardCases { get; init; } = true;

    /// <summary>The name of the limits table of <see cref="Design"/>.</summary>
    public string LimitsTable => Design == SourceDesign.Seed ? "ping_limits_cache" : "ping_limits";
}
