namespace PingActors.Insights;

/// <summary>
/// A Kaplan-Meier curve of the chance that a ping is answered within a time, as the refit job stores it: the
/// chance at each time where answers came (the bin edges of the response-time grid), with the counts it rests on.
/// Between two points the chance grows linearly in log time, as the answers are spread over a bin.
/// </summary>
/// <param name="Seconds">The times of the curve's points, increasing.</param>
/// <param name="Answered">1 - S(t) at each of them.</param>
/// <param name="Pings">The pings in the risk set at the start: settled, withdrawn and pending.</param>
/// <param name="Responses">The answers among them.</param>
/// <param name="Censored">Withdrawn pings, censored at their withdrawal.</param>
/// <param name="Pending">Pending pings, censored at their current age.</param>
public sealed record ResponseCurve(double[] Seconds, double[] Answered, long Pings, long Responses, long Censored, long Pending)
{
    /// <summary>A curve with no data.</summary>
    public static ResponseCurve Empty { get; } = new([], [], 0, 0, 0, 0);

    /// <summary>The curve of <paramref name="steps"/>, which rest on these counts.</summary>
    public static ResponseCurve From(IReadOnlyList<KaplanMeierStep> steps, long pings, long responses, long censored, long pending) =>
        new([.. steps.Select(s => s.Time)], [.. steps.Select(s => 1 - s.Survival)], pings, responses, censored, pending);

    /// <summary>The chance of an answer at all (by the curve's last point).</summary>
    public double Ever => Answered.Length == 0 ? 0 : Answered[^1];

    /// <summary>The chance of an answer within <paramref name="seconds"/>.</summary>
    public double AnsweredBy(double seconds)
    {
        if (Seconds.Length == 0 || seconds <= 0)
        {
            return 0;
        }

        if (seconds < Seconds[0])
        {
            return Answered[0] * seconds / Seconds[0];
        }

        var i = Array.BinarySearch(Seconds, seconds);
        if (i >= 0)
        {
            return Answered[i];
        }

        var next = ~i;
        if (next >= Seconds.Length)
        {
            return Ever;
        }

        var share = Math.Log(seconds / Seconds[next - 1]) / Math.Log(Seconds[next] / Seconds[next - 1]);
        return Answered[next - 1] + share * (Answered[next] - Answered[next - 1]);
    }

    /// <summary>The typical time to an answer, for the pings that get one: where the curve reaches half of <see cref="Ever"/>.</summary>
    public double? MedianSecondsOfAnswered()
    {
        if (Ever <= 0)
        {
            return null;
        }

        var half = Ever / 2;
        var i = Array.FindIndex(Answered, a => a >= half);
        if (i == 0)
        {
            return Seconds[0] * half / Answered[0];
        }

        var share = (half - Answered[i - 1]) / (Answered[i] - Answered[i - 1]);
        return Seconds[i - 1] * Math.Pow(Seconds[i] / Seconds[i - 1], share);
    }
}
