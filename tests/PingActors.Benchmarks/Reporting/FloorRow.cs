namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// What a call to the floor (a minimal endpoint that calls a grain, <see cref="Tiers.FloorHostCommand"/>) cost in one
/// warm round, measured as a tier round measures PingActors: CPU of its host's process and of the load generator, per
/// call, in microseconds.
/// </summary>
/// <param name="Path">The way in (<see cref="Floor.FloorPaths"/>).</param>
/// <param name="Clients">The closed loop's clients; null for an open loop.</param>
/// <param name="Rate">The open loop's calls a second (PingActors' rate on the same way in); null for a closed loop.</param>
/// <param name="Settled">Whether the floor's host had stopped compiling before the measured part.</param>
internal sealed record FloorRow(
    string Path,
    int? Clients,
    double? Rate,
    long Calls,
    long Failed,
    double PerSecond,
    double P50,
    double P99,
    double DotnetMicros,
    double LoadMicros,
    bool Settled);
