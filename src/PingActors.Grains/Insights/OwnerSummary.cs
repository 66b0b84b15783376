namespace PingActors.Insights;

/// <summary>A short summary of the owner, for the answer to a ping: what the sender can expect.</summary>
/// <param name="AnswerProbability">The chance the ping is answered within its life.</param>
/// <param name="MedianResponseMinutes">The typical time to an answer, for the pings that get one; null until anyone has answered anything.</param>
/// <param name="ResponseTimeBucket">That time in words (<c>within-an-hour</c>, <c>within-a-few-hours</c>, <c>within-a-day</c>, <c>a-day-or-more</c>).</param>
/// <param name="SettledPings">The owner's pings with a known outcome that the figures rest on.</param>
/// <param name="AsOf">
/// When the owner's figures were read. A summary older than <c>Insights:SummaryMaxAge</c> is read again in the
/// background when it is served, so the answers after it carry a newer one.
/// </param>
public sealed record OwnerSummary(double AnswerProbability, double? MedianResponseMinutes, string? ResponseTimeBucket, long SettledPings, DateTimeOffset AsOf);
