namespace PingActors.Insights;

/// <summary>How soon an owner answers: the typical time of their answers, and the chance of an answer within some times.</summary>
/// <param name="MedianMinutes">The median time to an answer, of the pings that get one (within a ping's life).</param>
/// <param name="Low">The lower end of its credible interval.</param>
/// <param name="High">The upper end.</param>
/// <param name="Level">The interval's probability.</param>
/// <param name="AnsweredWithin">The chance that a new ping is answered within each time (the answer probability included).</param>
/// <param name="Answers">The answers it rests on.</param>
/// <param name="Weight">The share of the estimate that comes from these answers rather than the population.</param>
public sealed record ResponseTimeEstimate(
    double MedianMinutes, double Low, double High, double Level, IReadOnlyList<AnsweredWithin> AnsweredWithin, long Answers, double Weight);
