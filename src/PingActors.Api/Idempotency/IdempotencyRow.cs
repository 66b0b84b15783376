using Npgsql;

namespace PingActors.Api.Idempotency;

/// <summary>A key's row as a repeat finds it.</summary>
internal sealed record IdempotencyRow(byte[] RequestHash, Guid RequestId, DateTimeOffset? LockedUntil, Guid? Holder, Guid? Attempt, StoredResponse? Response)
{
    public static async Task<IdempotencyRow?> ReadAsync(NpgsqlConnection connection, IdempotencyKey key)
    {
        await using var read = new NpgsqlCommand("""
            SELECT request_hash, request_id, locked_until, holder, attempt, status_code, content_type, response_body, location, retry_after
            FROM idempotency_keys WHERE username = $1 AND route = $2 AND key = $3
            """, connection);
        IdempotencyStore.AddKey(read, key);
        await using var reader = await read.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new IdempotencyRow(
            reader.GetFieldValue<byte[]>(0),
            reader.GetGuid(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetGuid(3),
            reader.IsDBNull(4) ? null : reader.GetGuid(4),
            reader.IsDBNull(5) ? null : new StoredResponse(
                reader.GetInt32(5),
                reader.GetString(6),
                reader.GetFieldValue<byte[]>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
    }
}
