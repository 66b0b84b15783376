using Npgsql;

namespace PingActors.Benchmarks.Systems;

/// <summary>
/// The design the seed replaced, as its document describes it: a ping is several calls, each its own statement
/// and transaction (the limit computed on the fly from today's pings, then the ping, the chat upsert and the
/// first message), with the analytics kept by triggers inside those writes.
/// </summary>
internal sealed class LegacySystem(NpgsqlDataSource legacy) : IPingSystem
{
    public string Name => SystemNames.Legacy;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            await using var connection = await legacy.OpenConnectionAsync();
            if (!await ScalarAsync<bool>(connection, "SELECT check_ping_limit($1)", ping.Sender))
            {
                return SendOutcome.Refused;
            }

            await ScalarAsync<Guid>(connection, "INSERT INTO pings (sender_username, receiver_username, listing_id, message) VALUES ($1, $2, $3, $4) RETURNING id",
                ping.Sender, ping.Owner, ping.ListingId, ping.Message);
            var chatId = await ScalarAsync<Guid>(connection, """
                INSERT INTO chats (listing_id, participant_a, participant_b) VALUES ($1, $2, $3)
                ON CONFLICT (listing_id, participant_a, participant_b) DO UPDATE SET updated_at = now() RETURNING id
                """, ping.ListingId, ping.Sender, ping.Owner);
            await ScalarAsync<Guid>(connection, "INSERT INTO messages (chat_id, sender_username, text) VALUES ($1, $2, $3) RETURNING id",
                chatId, ping.Sender, ping.Message);
            return SendOutcome.Admitted;
        }
        catch (NpgsqlException)
        {
            return SendOutcome.Failed;
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
