namespace PingActors.Insights;

/// <summary>What to expect from an owner: whether they answer a new ping, how soon, and when they are active.</summary>
/// <param name="ResponseTime">Null until anyone has answered anything.</param>
public sealed record OwnerInsights(
    string Username, InsightModelInfo Model, InsightCounts Pings, AnswerEstimate Answer, ResponseTimeEstimate? ResponseTime, BestTime BestTime);
