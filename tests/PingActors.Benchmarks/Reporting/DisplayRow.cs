namespace PingActors.Benchmarks.Reporting;

/// <summary>One line of the live results table; what a measure leaves out stays blank.</summary>
/// <param name="Measure">The measure's name, as <c>--measures</c> selects it.</param>
/// <param name="System">What was measured: a system, or an operation.</param>
/// <param name="Result">The figure in words, as the measure formats it.</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="P50">Median latency, in milliseconds.</param>
/// <param name="P95">95th percentile latency, in milliseconds.</param>
/// <param name="P99">99th percentile latency, in milliseconds.</param>
/// <param name="VsSeed">The result as a multiple of the seed's; blank unless the seed ran.</param>
/// <param name="Note">What the other columns cannot hold.</param>
internal sealed record DisplayRow(
    string Measure,
    string System,
    string Result,
    int? Clients = null,
    double? P50 = null,
    double? P95 = null,
    double? P99 = null,
    double? VsSeed = null,
    string? Note = null);
