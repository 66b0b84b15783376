namespace PingActors.Insights;

/// <summary>What an owner's insights are computed from: their running sums and their actions by hour of the week.</summary>
public sealed record OwnerRead(OwnerFigures Owner, long[] Hours);
