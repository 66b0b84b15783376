namespace PingActors.Benchmarks.Floor;

/// <summary>The floor's two ways in, as the report names them.</summary>
internal static class FloorPaths
{
    public const string Http = "floor: ASP.NET Core POST, one grain call";
    public const string Orleans = "floor: one grain call through the Orleans client";
}
