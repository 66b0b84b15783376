using PingActors.Analytics;

namespace PingActors.Insights;

/// <summary>An owner's running sums as <c>owner_insights</c> holds them; all zero for an owner nobody has pinged.</summary>
public sealed record OwnerFigures(
    string Username, long Received, long Responded, long Declined, long Withdrawn, long Expired, long LogTimeSum, long LogTimeSquares)
{
    /// <summary>The columns <see cref="InsightQueries"/> reads, in this order.</summary>
    public const string Columns = "username, received, responded, declined, withdrawn, expired, log_time_sum, log_time_sq_sum";

    /// <summary>Pings whose outcome is known: answered, declined or expired.</summary>
    public long Settled => Responded + Declined + Expired;

    /// <summary>Pings still waiting for the owner.</summary>
    public long Pending => Received - Settled - Withdrawn;

    /// <summary>The sum of the answers' log times, in natural log seconds.</summary>
    public double LogSum => (double)LogTimeSum / ResponseTimeGrid.LogScale;

    /// <summary>The sum of the squares of the answers' log times.</summary>
    public double LogSquares => (double)LogTimeSquares / (ResponseTimeGrid.LogScale * ResponseTimeGrid.LogScale);

    public static OwnerFigures None(string username) => new(username, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Reads the <see cref="Columns"/> of the reader's current row.</summary>
    public static OwnerFigures Read(Npgsql.NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7));
}
