using Npgsql;
using PingActors.History;
using PingActors.Paging;
using PingActors.Storage;

namespace PingActors.Pings;

/// <summary>Reads pings from the history table; a read that meets a lost connection is read once more (<see cref="LostConnections"/>).</summary>
public sealed class PingQueries(NpgsqlDataSource database)
{
    /// <summary>One ping by id.</summary>
    internal Task<PingRow?> GetAsync(Guid pingId) => LostConnections.RetryOnceAsync(() => GetOnceAsync(pingId));

    private async Task<PingRow?> GetOnceAsync(Guid pingId)
    {
        await using var command = database.CreateCommand($"SELECT {PingColumns.List} FROM pings p WHERE p.ping_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = pingId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? PingColumns.Read(reader) : null;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> of <paramref name="user"/>'s sent or received pings, newest first, from
    /// <paramref name="after"/> on. The status filter reads a pending ping past its expiry as expired, exactly
    /// as the pings themselves do.
    /// </summary>
    internal Task<IReadOnlyList<PingRow>> ListAsync(
        string user, PingBox box, PingStatus? status, DateTimeOffset now, int limit, PageCursor? after) =>
        LostConnections.RetryOnceAsync(() => ListOnceAsync(user, box, status, now, limit, after));

    private async Task<IReadOnlyList<PingRow>> ListOnceAsync(
        string user, PingBox box, PingStatus? status, DateTimeOffset now, int limit, PageCursor? after)
    {
        // Sent pings come newest first from the sender's allowance key, (day, seq); received ones from the
        // receiver's (created_at, ping_id) index. Either way the cursor names the last ping seen.
        var (party, order, continuation) = box == PingBox.Sent
            ? ("p.sender", "p.allowance_day DESC, p.allowance_seq DESC",
               "AND (p.allowance_day, p.allowance_seq) < (SELECT c.allowance_day, c.allowance_seq FROM pings c WHERE c.ping_id = $5)")
            : ("p.receiver", "p.created_at DESC, p.ping_id DESC", "AND (p.created_at, p.ping_id) < ($4, $5)");
        var statusFilter = status switch
        {
            null => "",
            PingStatus.Pending => "AND p.status = 'pending' AND p.expires_at > $3",
            PingStatus.Expired => "AND (p.status = 'expired' OR (p.status = 'pending' AND p.expires_at <= $3))",
            _ => $"AND p.status = '{status.Value.ToText()}'",
        };
        await using var command = database.CreateCommand($"""
            SELECT {PingColumns.List}
            FROM pings p
            WHERE {party} = $1 {statusFilter} {(after is null ? "" : continuation)}
            ORDER BY {order}
            LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = after?.At ?? default });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after?.Id ?? default });

        var pings = new List<PingRow>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pings.Add(PingColumns.Read(reader)!);
        }

        return pings;
    }
}
