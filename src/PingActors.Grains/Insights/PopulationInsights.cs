namespace PingActors.Insights;

/// <summary>The population model as people can read it: the prior, the response-time model and the Kaplan-Meier curves.</summary>
/// <param name="PooledRate">Answered over settled pings of everyone: what a prediction that knows nothing of the owner says.</param>
/// <param name="Curves">The Kaplan-Meier curves: everyone first, then by the UTC quarter of the day the ping was sent.</param>
public sealed record PopulationInsights(
    InsightModelInfo Model, PopulationPrior Prior, double? PooledRate, PopulationTimes ResponseTime, IReadOnlyList<PopulationCurve> Curves)
{
    /// <summary>The times each curve is read at, in hours.</summary>
    public static readonly IReadOnlyList<double> Checkpoints = [0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72];

    private static readonly string[] _segments = ["00-06 UTC", "06-12 UTC", "12-18 UTC", "18-24 UTC"];

    public static PopulationInsights Of(InsightModel model, TimeSpan life)
    {
        var times = model.Times;
        var curves = new List<PopulationCurve> { Curve("everyone", model.Population, life) };
        curves.AddRange(model.Segments.Select((curve, i) => Curve($"sent {_segments[i]}", curve, life)));
        return new PopulationInsights(
            InsightModelInfo.Of(model),
            new PopulationPrior(model.Prior.Alpha, model.Prior.Beta, model.Prior.Mean, model.Prior.Owners),
            model.PooledRate,
            new PopulationTimes(times.Centre is { } centre ? Math.Exp(centre) / 60 : null, Math.Sqrt(times.WithinVariance), Math.Sqrt(times.BetweenVariance), times.Owners),
            curves);
    }

    private static PopulationCurve Curve(string segment, ResponseCurve curve, TimeSpan life) => new(
        segment, curve.Pings, curve.Responses, curve.Censored, curve.Pending, curve.MedianSecondsOfAnswered() / 60,
        [.. Checkpoints.Where(h => h <= life.TotalHours).Select(h => new AnsweredWithin(h, curve.AnsweredBy(h * 3600)))]);
}
