namespace PingActors.Insights;

/// <summary>The chance that a new ping is answered within its life, with a credible interval and what it rests on.</summary>
/// <param name="Probability">The posterior mean.</param>
/// <param name="Low">The lower end of the equal-tailed credible interval.</param>
/// <param name="High">The upper end.</param>
/// <param name="Level">The interval's probability, e.g. 0.9.</param>
/// <param name="Answered">Settled pings that were answered.</param>
/// <param name="Settled">Pings answered, declined or expired (withdrawn and pending ones say nothing yet).</param>
/// <param name="Weight">The share of the estimate that comes from these pings rather than the prior: n / (n + α + β).</param>
public sealed record AnswerEstimate(double Probability, double Low, double High, double Level, long Answered, long Settled, double Weight);
