namespace PingActors.Benchmarks.GroundTruth;

/// <summary>What the insights said of an owner at the cutoff, and the history they rested on.</summary>
/// <param name="AnswerProbability">The chance a new ping is answered.</param>
/// <param name="MedianMinutes">The typical time of their answers; null without a response-time model.</param>
/// <param name="Answers">The owner's answers before the cutoff.</param>
/// <param name="Actions">The owner's actions (messages, declines) before the cutoff.</param>
/// <param name="WindowStart">The best window's first hour of the week.</param>
/// <param name="WindowHours">Its length.</param>
public sealed record OwnerPrediction(double AnswerProbability, double? MedianMinutes, long Answers, long Actions, int WindowStart, int WindowHours)
{
    /// <summary>Whether the best window holds <paramref name="hourOfWeek"/> (it may wrap round the week).</summary>
    public bool WindowHolds(int hourOfWeek) => (hourOfWeek - WindowStart + 168) % 168 < WindowHours;
}
