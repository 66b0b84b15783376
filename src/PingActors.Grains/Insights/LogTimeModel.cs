using MathNet.Numerics.Distributions;

namespace PingActors.Insights;

/// <summary>
/// Each owner's response times are log-normal around their own typical time: ln t ~ N(μ_owner, σ²), and the
/// owners' μ vary around the population's, μ_owner ~ N(<paramref name="Centre"/>, τ²). An owner's estimate is
/// their mean log time shrunk towards the centre by n / (n + σ²/τ²): an accelerated-failure-time model with a
/// per-owner time scale, fitted by the method of moments from the owners' running sums of log times.
/// </summary>
/// <param name="Centre">The population's mean log time (log seconds) of an owner; null with no answers at all.</param>
/// <param name="WithinVariance">σ²: how much one owner's log times vary.</param>
/// <param name="BetweenVariance">τ²: how much the owners' typical log times vary.</param>
/// <param name="Owners">The owners the between-owner fit used.</param>
public sealed record LogTimeModel(double? Centre, double WithinVariance, double BetweenVariance, int Owners)
{
    /// <summary>Used while the data cannot say: a spread of a factor of e either way.</summary>
    public const double DefaultVariance = 1.0;

    /// <summary>The least between-owner variance the fit gives (owners' typical times differ by at least about 10%).</summary>
    public const double MinBetweenVariance = 0.01;

    /// <summary>
    /// Fits the model to owners' sums of (scaled) log times: σ² pools the variance within each owner; the centre
    /// is the mean of the mean log times of the owners with at least <paramref name="minAnswers"/> answers, and
    /// τ² their variance less what σ² explains (σ² times the mean of 1/n). With fewer than
    /// <paramref name="minOwners"/> such owners, the centre is the mean over all answers and τ² the default.
    /// </summary>
    public static LogTimeModel Fit(IEnumerable<(long Answers, double LogSum, double LogSquares)> owners, int minAnswers, int minOwners)
    {
        var all = owners.Where(o => o.Answers > 0).ToList();
        if (all.Count == 0)
        {
            return new LogTimeModel(null, DefaultVariance, DefaultVariance, 0);
        }

        var spread = all.Where(o => o.Answers > 1).ToList();
        var freedom = spread.Sum(o => o.Answers - 1);
        var within = freedom == 0 ? DefaultVariance
            : Math.Max(MinBetweenVariance, spread.Sum(o => o.LogSquares - (o.LogSum * o.LogSum / o.Answers)) / freedom);
        var used = all.Where(o => o.Answers >= minAnswers).ToList();
        if (used.Count < Math.Max(2, minOwners))
        {
            return new LogTimeModel(all.Sum(o => o.LogSum) / all.Sum(o => o.Answers), within, DefaultVariance, 0);
        }

        var means = used.Select(o => o.LogSum / o.Answers).ToList();
        var centre = means.Average();
        var variance = means.Sum(m => (m - centre) * (m - centre)) / (means.Count - 1);
        var between = Math.Max(MinBetweenVariance, variance - (within * used.Average(o => 1.0 / o.Answers)));
        return new LogTimeModel(centre, within, between, used.Count);
    }

    /// <summary>
    /// An owner's response time from <paramref name="answers"/> answers with this sum of log times: the typical
    /// time (the median of their answers, within a ping's life) with its credible interval, and the chance of an
    /// answer within each of <paramref name="within"/>, given the chance <paramref name="answerProbability"/> of one at all.
    /// </summary>
    public ResponseTimeEstimate? Estimate(long answers, double logSum, double answerProbability, TimeSpan life, double level, IReadOnlyList<TimeSpan> within)
    {
        if (Centre is not { } centre)
        {
            return null;
        }

        var precision = (answers / WithinVariance) + (1 / BetweenVariance);
        var location = ((logSum / WithinVariance) + (centre / BetweenVariance)) / precision;
        var uncertainty = 1 / precision;
        var z = Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        var median = TruncatedMedian(location, Math.Sqrt(WithinVariance), life);
        var predictive = Math.Sqrt(WithinVariance + uncertainty);
        var byLife = Normal.CDF(location, predictive, Math.Log(life.TotalSeconds));
        var chances = within.Select(t => byLife <= 0 ? 0 : answerProbability * Math.Min(1, Normal.CDF(location, predictive, Math.Log(t.TotalSeconds)) / byLife)).ToArray();
        var weight = answers / (answers + (WithinVariance / BetweenVariance));
        return new ResponseTimeEstimate(
            median / 60, TruncatedMedian(location - (z * Math.Sqrt(uncertainty)), Math.Sqrt(WithinVariance), life) / 60,
            TruncatedMedian(location + (z * Math.Sqrt(uncertainty)), Math.Sqrt(WithinVariance), life) / 60,
            level, [.. within.Zip(chances, (t, p) => new AnsweredWithin(t.TotalHours, p))], answers, weight);
    }

    /// <summary>The median, in seconds, of a log-normal(μ, σ) cut off at <paramref name="life"/>: no answer comes later.</summary>
    public static double TruncatedMedian(double location, double scale, TimeSpan life)
    {
        var byLife = Normal.CDF(location, scale, Math.Log(life.TotalSeconds));
        return Math.Exp(Normal.InvCDF(location, scale, byLife / 2));
    }
}
