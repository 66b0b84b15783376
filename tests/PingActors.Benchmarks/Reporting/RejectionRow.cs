namespace PingActors.Benchmarks.Reporting;

/// <summary>A sender refused by a rule (<paramref name="Rule"/>) pinging repeatedly.</summary>
internal sealed record RejectionRow(string System, int Clients, double PerSecond, double RoundTripsPerRejection, string Rule = RejectionRow.DailyRule)
{
    /// <summary>The rule of the rounds every system runs: a sender over the daily limit.</summary>
    public const string DailyRule = "daily-limit-exceeded";
}
