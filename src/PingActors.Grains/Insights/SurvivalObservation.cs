namespace PingActors.Insights;

/// <summary>At <paramref name="Time"/>, <paramref name="Events"/> pings were answered and <paramref name="Censored"/> left the risk set unanswered.</summary>
public readonly record struct SurvivalObservation(double Time, long Events, long Censored);
