using MathNet.Numerics.Distributions;

namespace PingActors.Benchmarks.GroundTruth;

/// <summary>An owner as the generator made them: what the predictions should find.</summary>
/// <param name="AnswerChance">The chance they decide to answer a ping (an answer later than the ping's life never comes).</param>
/// <param name="LogMedian">ln of their median response time in seconds.</param>
/// <param name="Sigma">The log-normal σ of their response times.</param>
/// <param name="Activity">Their intensity of acting in each UTC hour of the week.</param>
public sealed record OwnerTruth(string Username, Guid[] Listings, double AnswerChance, double LogMedian, double Sigma, double PingsPerWeek, double[] Activity)
{
    /// <summary>The hour of the week they are most active in.</summary>
    public int PeakHour => Array.IndexOf(Activity, Activity.Max());

    /// <summary>The chance a ping is answered within its life.</summary>
    public double AnsweredWithin(TimeSpan life) => AnswerChance * LogNormal.CDF(LogMedian, Sigma, life.TotalSeconds);

    /// <summary>The median time of the answers that come, in minutes (those within the life).</summary>
    public double MedianMinutes(TimeSpan life) => Insights.LogTimeModel.TruncatedMedian(LogMedian, Sigma, life) / 60;
}
