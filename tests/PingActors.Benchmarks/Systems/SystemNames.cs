namespace PingActors.Benchmarks.Systems;

/// <summary>The systems' names in the report, and the order the report lists them in.</summary>
internal static class SystemNames
{
    public const string Legacy = "legacy (separate calls, triggers)";
    public const string Seed = "seed (PL/pgSQL)";
    public const string Http = "PingActors (HTTP)";
    public const string Orleans = "PingActors (Orleans client)";

    /// <summary>The legacy design the seed replaced, the seed (the baseline), then PingActors over HTTP and through the Orleans client.</summary>
    public static int Order(string system) => system switch
    {
        Legacy => 0,
        Seed => 1,
        Http => 2,
        _ => 3,
    };
}
