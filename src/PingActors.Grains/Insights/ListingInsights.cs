namespace PingActors.Insights;

/// <summary>
/// What to expect from a ping about a listing: the chance of an answer from the listing's own pings, shrunk
/// towards its owner's; how soon and when, from its owner's figures.
/// </summary>
public sealed record ListingInsights(
    Guid ListingId, string Owner, InsightModelInfo Model, InsightCounts Pings, AnswerEstimate Answer, ResponseTimeEstimate? ResponseTime, BestTime BestTime);
