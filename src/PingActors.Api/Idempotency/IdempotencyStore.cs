using System.Collections.Concurrent;
using Npgsql;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.Api.Idempotency;

/// <summary>
/// The <c>idempotency_keys</c> table, and the keys this API process is running right now. Each claim records
/// its holder (this process) and its attempt. Because the process knows what it is running, a claim of its own
/// that it is not running is dead (its release never reached the database) and is taken over at once; a claim
/// of another process waits for that process to settle it, or for its lease to end if it crashed.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource database, [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
{
    /// <summary>How long a key is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long an attempt holds its key before another process may take over (its process crashed, say).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<IdempotencyKey, Guid> _running = new();

    /// <summary>This process, as the holder of the keys it claims.</summary>
    public Guid Holder { get; } = Guid.NewGuid();

    /// <summary>
    /// Claims <paramref name="key"/> for a request, or says what became of the request that claimed it first. A
    /// claimed key counts as running in this process until <see cref="Leave"/>.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyKey key, byte[] requestHash)
    {
        var attempt = Guid.CreateVersion7();
        if (!_running.TryAdd(key, attempt))
        {
            return IdempotencyClaim.InFlight; // this process is running it right now
        }

        var claim = IdempotencyClaim.InFlight;
        try
        {
            // Safe to repeat: a first run that did claim the key left this process's attempt on it, which the repeat takes over.
            claim = await LostConnections.RetryOnceAsync(() => ClaimInDatabaseAsync(key, requestHash, attempt, clock.GetUtcNow()));
            return claim;
        }
        finally
        {
            if (claim.Outcome != IdempotencyClaimOutcome.Claimed)
            {
                Leave(key, attempt);
            }
        }
    }

    /// <summary>The request of <paramref name="attempt"/> is over in this process, whether or not its settlement reached the database.</summary>
    public void Leave(IdempotencyKey key, Guid attempt) => _running.TryRemove(KeyValuePair.Create(key, attempt));

    /// <summary>Stores the answer of an attempt; later repeats replay it.</summary>
    public Task CompleteAsync(IdempotencyKey key, Guid attempt, StoredResponse response) => ExecuteAsync("""
        UPDATE idempotency_keys
        SET status_code = $5, content_type = $6, response_body = $7, location = $8, retry_after = $9, locked_until = NULL
        WHERE username = $1 AND route = $2 AND key = $3 AND attempt = $4 AND status_code IS NULL
        """, key, attempt, response);

    /// <summary>Gives a key up without an answer, so a repeat can run again (with the same request id).</summary>
    public Task ReleaseAsync(IdempotencyKey key, Guid attempt) => ExecuteAsync(
        "UPDATE idempotency_keys SET locked_until = NULL WHERE username = $1 AND route = $2 AND key = $3 AND attempt = $4 AND status_code IS NULL",
        key, attempt, null);

    /// <summary>Deletes a key whose request changed nothing (a refusal): a repeat simply runs again.</summary>
    public Task ForgetAsync(IdempotencyKey key, Guid attempt) => ExecuteAsync(
        "DELETE FROM idempotency_keys WHERE username = $1 AND route = $2 AND key = $3 AND attempt = $4 AND status_code IS NULL",
        key, attempt, null);

    /// <summary>Deletes keys past their retention.</summary>
    public async Task<int> PurgeAsync()
    {
        await using var command = database.CreateCommand("DELETE FROM idempotency_keys WHERE created_at <= $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() - Retention });
        return await command.ExecuteNonQueryAsync();
    }

    private async Task<IdempotencyClaim> ClaimInDatabaseAsync(IdempotencyKey key, byte[] requestHash, Guid attempt, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();

        // Fresh key, or one past its retention: this request owns it now.
        await using (var claim = new NpgsqlCommand("""
            INSERT INTO idempotency_keys AS k (username, route, key, request_hash, request_id, created_at, locked_until, holder, attempt)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (username, route, key) DO UPDATE
                SET request_hash = excluded.request_hash, request_id = excluded.request_id, created_at = excluded.created_at,
                    locked_until = excluded.locked_until, holder = excluded.holder, attempt = excluded.attempt,
                    status_code = NULL, content_type = NULL, response_body = NULL, location = NULL, retry_after = NULL
                WHERE k.created_at <= $10
            RETURNING request_id
            """, connection))
        {
            AddKey(claim, key);
            claim.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = requestHash });
            claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + Lease });
            claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Holder });
            claim.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = attempt });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - Retention });
            if (await claim.ExecuteScalarAsync() is Guid requestId)
            {
                return IdempotencyClaim.Claimed(requestId, attempt);
            }
        }

        var existing = await IdempotencyRow.ReadAsync(connection, key);
        if (existing is null)
        {
            return IdempotencyClaim.InFlight; // deleted under our feet (purged, or forgotten after a refusal); a retry claims it
        }

        if (!existing.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            return IdempotencyClaim.Reused;
        }

        if (existing.Response is { } response)
        {
            return IdempotencyClaim.Replay(response);
        }

        // Another process's attempt within its lease may still be running. An attempt of this one is not: this
        // process is not running the key (the claim above made sure), so that attempt ended without settling it.
        if (existing.LockedUntil > now && existing.Holder != Holder)
        {
            return IdempotencyClaim.InFlight;
        }

        // Take over the key, and its request id, so the request runs again without creating anything twice.
        await using var takeOver = new NpgsqlCommand("""
            UPDATE idempotency_keys SET locked_until = $4, holder = $5, attempt = $6
            WHERE username = $1 AND route = $2 AND key = $3 AND status_code IS NULL AND attempt IS NOT DISTINCT FROM $7
            """, connection);
        AddKey(takeOver, key);
        takeOver.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + Lease });
        takeOver.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Holder });
        takeOver.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = attempt });
        takeOver.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = existing.Attempt });
        return await takeOver.ExecuteNonQueryAsync() == 1 ? IdempotencyClaim.Claimed(existing.RequestId, attempt) : IdempotencyClaim.InFlight;
    }

    /// <summary>Runs one of the attempt's settlements (each changes only a row its attempt still holds, so a repeat changes nothing more).</summary>
    private Task ExecuteAsync(string sql, IdempotencyKey key, Guid attempt, StoredResponse? response) =>
        LostConnections.RetryOnceAsync(() => ExecuteOnceAsync(sql, key, attempt, response));

    private async Task ExecuteOnceAsync(string sql, IdempotencyKey key, Guid attempt, StoredResponse? response)
    {
        await using var command = database.CreateCommand(sql);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = attempt });
        if (response is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = response.StatusCode });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = response.ContentType });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = response.Body });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = response.Location });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = response.RetryAfter });
        }

        await command.ExecuteNonQueryAsync();
    }

    internal static void AddKey(NpgsqlCommand command, IdempotencyKey key)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Username });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Route });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Key });
    }
}
