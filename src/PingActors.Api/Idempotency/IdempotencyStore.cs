using Npgsql;
using PingActors.Platform;

namespace PingActors.Api.Idempotency;

/// <summary>The <c>idempotency_keys</c> table: claims, answers and replays requests by key.</summary>
public sealed class IdempotencyStore(NpgsqlDataSource database, [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
{
    /// <summary>How long a key is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long the first request holds its key before a repeat may take over (it crashed, say).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    /// <summary>Claims <paramref name="key"/> for a request, or says what became of the request that claimed it first.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(string username, string route, string key, byte[] requestHash)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync();

        // Fresh key, or one past its retention: this request owns it now.
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO idempotency_keys AS k (username, route, key, request_hash, request_id, created_at, locked_until)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (username, route, key) DO UPDATE
                SET request_hash = excluded.request_hash, request_id = excluded.request_id, created_at = excluded.created_at,
                    locked_until = excluded.locked_until, status_code = NULL, content_type = NULL, response_body = NULL,
                    location = NULL, retry_after = NULL
                WHERE k.created_at <= $8
            RETURNING request_id
            """, connection))
        {
            AddKey(claim, username, route, key);
            claim.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = requestHash });
            claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + Lease });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - Retention });
            if (await claim.ExecuteScalarAsync() is Guid requestId)
            {
                return IdempotencyClaim.Claimed(requestId);
            }
        }

        await using var read = new NpgsqlCommand("""
            SELECT request_hash, request_id, locked_until, status_code, content_type, response_body, location, retry_after
            FROM idempotency_keys WHERE username = $1 AND route = $2 AND key = $3
            """, connection);
        AddKey(read, username, route, key);
        await using var reader = await read.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return IdempotencyClaim.InFlight; // deleted under our feet by the purge; a retry will claim it
        }

        var existingHash = reader.GetFieldValue<byte[]>(0);
        var existingId = reader.GetGuid(1);
        if (!existingHash.AsSpan().SequenceEqual(requestHash))
        {
            return IdempotencyClaim.Reused;
        }

        if (!reader.IsDBNull(3))
        {
            return IdempotencyClaim.Replay(new StoredResponse(
                reader.GetInt32(3),
                reader.GetString(4),
                reader.GetFieldValue<byte[]>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        var lockedUntil = reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2);
        await reader.DisposeAsync();
        if (lockedUntil > now)
        {
            return IdempotencyClaim.InFlight;
        }

        // The first attempt gave up (or died) without an answer: take over its lease, and its request id.
        await using var takeOver = new NpgsqlCommand("""
            UPDATE idempotency_keys SET locked_until = $4
            WHERE username = $1 AND route = $2 AND key = $3 AND status_code IS NULL
              AND locked_until IS NOT DISTINCT FROM $5
            """, connection);
        AddKey(takeOver, username, route, key);
        takeOver.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + Lease });
        takeOver.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = lockedUntil });
        return await takeOver.ExecuteNonQueryAsync() == 1 ? IdempotencyClaim.Claimed(existingId) : IdempotencyClaim.InFlight;
    }

    /// <summary>Stores the answer to a claimed key; later repeats replay it.</summary>
    public async Task CompleteAsync(string username, string route, string key, StoredResponse response)
    {
        await using var command = database.CreateCommand("""
            UPDATE idempotency_keys
            SET status_code = $4, content_type = $5, response_body = $6, location = $7, retry_after = $8, locked_until = NULL
            WHERE username = $1 AND route = $2 AND key = $3
            """);
        AddKey(command, username, route, key);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = response.ContentType });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = response.Body });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = response.Location });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = response.RetryAfter });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Gives a claimed key up without an answer, so a repeat can run again (with the same request id).</summary>
    public async Task ReleaseAsync(string username, string route, string key)
    {
        await using var command = database.CreateCommand(
            "UPDATE idempotency_keys SET locked_until = NULL WHERE username = $1 AND route = $2 AND key = $3 AND status_code IS NULL");
        AddKey(command, username, route, key);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes keys past their retention.</summary>
    public async Task<int> PurgeAsync()
    {
        await using var command = database.CreateCommand("DELETE FROM idempotency_keys WHERE created_at <= $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() - Retention });
        return await command.ExecuteNonQueryAsync();
    }

    private static void AddKey(NpgsqlCommand command, string username, string route, string key)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = username });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = route });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
    }
}
