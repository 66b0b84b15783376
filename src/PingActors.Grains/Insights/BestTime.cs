namespace PingActors.Insights;

/// <summary>When the owner is active: the best window of the week, the best one in the next 24 hours, and the profile they come from.</summary>
/// <param name="TimeZone">The zone the hours are in: UTC, as owners' zones are not known.</param>
/// <param name="Window">The best window of the week.</param>
/// <param name="Next24Hours">The best window starting within the next 24 hours.</param>
/// <param name="Actions">The owner's actions (messages, declines) the profile rests on.</param>
/// <param name="Weight">The share of the profile that comes from those actions rather than the population's.</param>
/// <param name="Profile">The owner's expected share of actions in each hour of the week, Monday 00:00 first.</param>
public sealed record BestTime(string TimeZone, TimeWindow Window, TimeWindow Next24Hours, long Actions, double Weight, IReadOnlyList<double> Profile);
