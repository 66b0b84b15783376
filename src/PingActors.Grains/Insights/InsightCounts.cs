namespace PingActors.Insights;

/// <summary>The pings a figure rests on: received, and how they ended so far.</summary>
public sealed record InsightCounts(long Received, long Answered, long Declined, long Expired, long Withdrawn, long Pending);
