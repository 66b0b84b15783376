namespace PingActors.Testing.SourceDesigns;

/// <summary>The two designs PingActors imports from.</summary>
public enum SourceDesign
{
    /// <summary>The seed document's design: <c>ping_limits_cache</c>, <c>analytics_jobs</c>, <c>pings_optimized</c> and its functions, over the older history tables.</summary>
    Seed,

    /// <summary>The design the seed replaced: <c>ping_limits</c> with counts computed on the fly, several calls per ping, analytics by triggers.</summary>
    Older,
}
