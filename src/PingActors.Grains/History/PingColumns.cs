using Npgsql;
using PingActors.Pings;

namespace PingActors.History;

/// <summary>Reads <see cref="PingRow"/>s: the one place that knows the order of the <c>pings</c> columns.</summary>
internal static class PingColumns
{
    /// <summary>The columns <see cref="Read"/> expects, qualified by <c>p</c>.</summary>
    public const string List = """
        p.ping_id, p.chat_id, p.listing_id, p.sender, p.receiver, p.message_id, p.message, p.status, p.created_at,
        p.expires_at, p.allowance_day, p.allowance_seq, p.first_response_at, p.responded_at, p.closed_at,
        p.response_message
        """;

    public const int Count = 16;

    /// <summary>Reads the ping whose columns start at <paramref name="offset"/>; <see langword="null"/> if they are null (an outer join miss).</summary>
    public static PingRow? Read(NpgsqlDataReader reader, int offset = 0)
    {
        if (reader.IsDBNull(offset))
        {
            return null;
        }

        return new PingRow(
            reader.GetGuid(offset),
            reader.GetGuid(offset + 1),
            reader.GetGuid(offset + 2),
            reader.GetString(offset + 3),
            reader.GetString(offset + 4),
            reader.GetGuid(offset + 5),
            reader.GetString(offset + 6),
            PingStatusText.Parse(reader.GetString(offset + 7)),
            reader.GetFieldValue<DateTimeOffset>(offset + 8),
            reader.GetFieldValue<DateTimeOffset>(offset + 9),
            reader.GetFieldValue<DateOnly>(offset + 10),
            reader.GetInt32(offset + 11),
            reader.IsDBNull(offset + 12) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 12),
            reader.IsDBNull(offset + 13) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 13),
            reader.IsDBNull(offset + 14) ? null : reader.GetFieldValue<DateTimeOffset>(offset + 14),
            reader.IsDBNull(offset + 15) ? null : reader.GetString(offset + 15));
    }
}
