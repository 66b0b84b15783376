namespace PingActors.Benchmarks.Systems;

internal static class SystemNames
{
    public const string Seed = "seed (PL/pgSQL)";
    public const string Http = "PingActors (HTTP)";
    public const string Orleans = "PingActors (Orleans client)";
}
