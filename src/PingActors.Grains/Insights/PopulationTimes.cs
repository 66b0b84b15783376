namespace PingActors.Insights;

/// <summary>The response-time model: an owner's typical time, and how much log times vary within and between owners.</summary>
public sealed record PopulationTimes(double? TypicalMinutes, double WithinOwnerLogSd, double BetweenOwnersLogSd, int Owners);
