namespace PingActors.Insights;

/// <summary>What the refit job reads from the insight sums: every owner's figures, the population's response-time bins, the pending pings by slot and the population's actions by hour of the week.</summary>
public sealed record InsightFitInput(
    IReadOnlyList<OwnerFigures> Owners,
    IReadOnlyList<(short Segment, short Bin, long Responses, long Censored)> Bins,
    IReadOnlyList<(long Slot, long Pending)> Pending,
    IReadOnlyList<long> Hours);
