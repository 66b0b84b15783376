namespace PingActors.Insights;

/// <summary>A window of hours to ping in.</summary>
/// <param name="Day">The UTC day of the week it starts on (<c>monday</c> ... <c>sunday</c>).</param>
/// <param name="StartHour">The UTC hour it starts at.</param>
/// <param name="Hours">How long it lasts.</param>
/// <param name="Share">The owner's expected share of their week's actions in it.</param>
/// <param name="Lift">That share over an average window's of the same length: 2 means twice as active as usual.</param>
/// <param name="From">Its next occurrence (the current one, if it has begun): start.</param>
/// <param name="To">End.</param>
public sealed record TimeWindow(string Day, int StartHour, int Hours, double Share, double Lift, DateTimeOffset From, DateTimeOffset To);
