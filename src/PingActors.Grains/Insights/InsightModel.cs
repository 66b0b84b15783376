namespace PingActors.Insights;

/// <summary>
/// The population model, as the refit job last fitted it: what every owner's and listing's figures are shrunk
/// towards. <paramref name="Version"/> is the fit's id (0 before the first fit), which the endpoints report.
/// </summary>
/// <param name="PooledRate">Answered over settled pings of everyone: the baseline a prediction must beat; null with none settled.</param>
/// <param name="Population">The Kaplan-Meier curve of the time to an answer over every ping.</param>
/// <param name="Segments">The same by the UTC quarter of the day the ping was sent (00-06, 06-12, 12-18, 18-24).</param>
/// <param name="Hours">The population's share of actions in each hour of the week.</param>
public sealed record InsightModel(
    long Version,
    DateTimeOffset FittedAt,
    BetaPrior Prior,
    double? PooledRate,
    LogTimeModel Times,
    ResponseCurve Population,
    IReadOnlyList<ResponseCurve> Segments,
    IReadOnlyList<double> Hours)
{
    /// <summary>What is known before any fit: a weak prior, no curves, every hour alike.</summary>
    public static InsightModel Unfitted { get; } = new(
        0, DateTimeOffset.UnixEpoch, BetaPrior.Weak(null), null, new LogTimeModel(null, LogTimeModel.DefaultVariance, LogTimeModel.DefaultVariance, 0),
        ResponseCurve.Empty, [], [.. Enumerable.Repeat(1.0 / HourOfWeekProfile.Hours, HourOfWeekProfile.Hours)]);
}
