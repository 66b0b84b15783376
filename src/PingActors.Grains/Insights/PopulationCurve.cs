namespace PingActors.Insights;

/// <summary>One Kaplan-Meier curve: what it rests on, the median time of the answered, and the chance of an answer within each checkpoint.</summary>
public sealed record PopulationCurve(
    string Segment, long Pings, long Responses, long Withdrawn, long Pending, double? MedianMinutesOfAnswered, IReadOnlyList<AnsweredWithin> AnsweredWithin);
