using PingActors.Analytics;

namespace PingActors.Insights;

/// <summary>
/// An owner's running sums as <c>owner_insights</c> holds them (all zero for an owner nobody has pinged), and of
/// those, the answered and settled pings sent too recently to count towards the answer probability.
/// </summary>
/// <param name="RecentAnswered">Answered pings sent since the start of the UTC day a ping's life ago (<see cref="SettledSince"/>).</param>
/// <param name="RecentSettled">Settled pings sent since then.</param>
public sealed record OwnerFigures(
    string Username, long Received, long Responded, long Declined, long Withdrawn, long Expired, long LogTimeSum, long LogTimeSquares,
    long RecentAnswered = 0, long RecentSettled = 0)
{
    /// <summary>
    /// The rows <see cref="Read"/> reads, of the owners matching the condition <c>{0}</c>; the parameter <c>{1}</c> is the
    /// first recent day (<see cref="SettledSince"/>), whose figures <c>user_daily_stats</c> holds by the day each ping was sent.
    /// </summary>
    public const string Select = """
        SELECT o.username, o.received, o.responded, o.declined, o.withdrawn, o.expired, o.log_time_sum, o.log_time_sq_sum, r.answered, r.settled
        FROM owner_insights o
        CROSS JOIN LATERAL (
            SELECT coalesce(sum(d.responded), 0)::bigint AS answered, coalesce(sum(d.responded + d.declined + d.expired), 0)::bigint AS settled
            FROM user_daily_stats d WHERE d.username = o.username AND d.day >= {1}) r
        WHERE {0}
        """;

    /// <summary>
    /// The first day whose pings are too recent to count towards the answer probability: pings answer quickly but
    /// expire only at the end of their life, so until then the recent ones that are settled are mostly the answered.
    /// </summary>
    public static DateOnly SettledSince(DateTimeOffset now, TimeSpan life) => AnalyticsDelta.DayOf(now - life);

    /// <summary>The settled pings the answer probability counts: those sent before <see cref="SettledSince"/>.</summary>
    public long SettledEarlier => Settled - RecentSettled;

    /// <summary>The answered pings among them.</summary>
    public long AnsweredEarlier => Responded - RecentAnswered;

    /// <summary>Pings whose outcome is known: answered, declined or expired.</summary>
    public long Settled => Responded + Declined + Expired;

    /// <summary>Pings still waiting for the owner.</summary>
    public long Pending => Received - Settled - Withdrawn;

    /// <summary>The sum of the answers' log times, in natural log seconds.</summary>
    public double LogSum => (double)LogTimeSum / ResponseTimeGrid.LogScale;

    /// <summary>The sum of the squares of the answers' log times.</summary>
    public double LogSquares => (double)LogTimeSquares / (ResponseTimeGrid.LogScale * ResponseTimeGrid.LogScale);

    public static OwnerFigures None(string username) => new(username, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The statement reading the owners that match <paramref name="condition"/>, with the first recent day in the parameter <paramref name="day"/>.</summary>
    public static string SelectWhere(string condition, string day) =>
        Select.Replace("{0}", condition, StringComparison.Ordinal).Replace("{1}", day, StringComparison.Ordinal);

    /// <summary>Reads the current row of <see cref="Select"/>.</summary>
    public static OwnerFigures Read(Npgsql.NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7),
        reader.GetInt64(8), reader.GetInt64(9));
}
