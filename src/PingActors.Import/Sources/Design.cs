namespace PingActors.Import.Sources;

/// <summary>Which of the two designs PingActors replaces a source database holds.</summary>
public enum Design
{
    /// <summary>The seed document's: <c>ping_limits_cache</c>, <c>analytics_jobs</c>, <c>pings</c>/<c>pings_optimized</c>, <c>chats</c>, <c>messages</c>.</summary>
    Seed,

    /// <summary>The one the seed replaced: <c>ping_limits</c> (counts computed on the fly), <c>pings</c>, <c>chats</c>, <c>messages</c>.</summary>
    Older,
}
