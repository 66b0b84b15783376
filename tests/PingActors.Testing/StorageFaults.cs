using Npgsql;

namespace PingActors.Testing;

/// <summary>
/// Makes PostgreSQL itself refuse chosen writes, so a test can fail a grain's storage the way a real outage
/// would reach it: a trigger raises inside the write's own statement. Grain state writes are refused per grain
/// (its row in <c>OrleansStorage</c>); history writes per chat (every history write of a chat records an event of
/// it: pings, messages, status changes, expiries, read cursors); a user's limits per user (their <c>user_limits</c> row).
/// Disposing the fault lifts it. The triggers live only in the test's own database.
/// </summary>
public sealed class StorageFaults : IAsyncDisposable
{
    /// <summary>The SQLSTATE the injected failure raises (<c>io_error</c>): an infrastructure failure, not a rule.</summary>
    public const string SqlState = "58030";

    private readonly string _connectionString;
    private readonly string _delete;
    private readonly object[] _key;

    private StorageFaults(string connectionString, string delete, object[] key)
    {
        _connectionString = connectionString;
        _delete = delete;
        _key = key;
    }

    /// <summary>Refuses every state write of the grain of type <paramref name="grainType"/> with a string key.</summary>
    public static Task<StorageFaults> FailGrainStateAsync(string connectionString, string grainType, string key) =>
        FailGrainStateAsync(connectionString, grainType, 0, 0, key);

    /// <summary>Refuses every state write of the grain of type <paramref name="grainType"/> with a <see cref="Guid"/> key.</summary>
    public static Task<StorageFaults> FailGrainStateAsync(string connectionString, string grainType, Guid key)
    {
        // The ADO.NET provider stores a Guid key as its two 64-bit halves, in the Guid's own byte order.
        var bytes = key.ToByteArray();
        return FailGrainStateAsync(connectionString, grainType, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), null);
    }

    /// <summary>Refuses every history write (ping, message, status change, expiry) of chat <paramref name="chatId"/>.</summary>
    public static async Task<StorageFaults> FailHistoryAsync(string connectionString, Guid chatId)
    {
        await InstallAsync(connectionString);
        await ExecuteAsync(connectionString, "INSERT INTO test_history_faults (chat_id) VALUES ($1)", chatId);
        return new StorageFaults(connectionString, "DELETE FROM test_history_faults WHERE chat_id = $1", [chatId]);
    }

    /// <summary>Refuses every write of <paramref name="username"/>'s limits (daily limit, cooldown).</summary>
    public static async Task<StorageFaults> FailUserLimitsAsync(string connectionString, string username)
    {
        await InstallAsync(connectionString);
        await ExecuteAsync(connectionString, "INSERT INTO test_limit_faults (username) VALUES ($1)", username);
        return new StorageFaults(connectionString, "DELETE FROM test_limit_faults WHERE username = $1", [username]);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_connectionString, _delete, _key);

    private static async Task<StorageFaults> FailGrainStateAsync(string connectionString, string grainType, long n0, long n1, string? extension)
    {
        await InstallAsync(connectionString);
        object[] key = [grainType, n0, n1, (object?)extension ?? DBNull.Value];
        await ExecuteAsync(connectionString, "INSERT INTO test_state_faults (grain_type, n0, n1, ext) VALUES ($1, $2, $3, $4)", key);
        return new StorageFaults(
            connectionString,
            "DELETE FROM test_state_faults WHERE grain_type = $1 AND n0 = $2 AND n1 = $3 AND ext IS NOT DISTINCT FROM $4::text",
            key);
    }

    private static Task InstallAsync(string connectionString) => ExecuteAsync(connectionString, $$"""
        SELECT pg_advisory_xact_lock(774411);
        CREATE TABLE IF NOT EXISTS test_state_faults (grain_type text NOT NULL, n0 bigint NOT NULL, n1 bigint NOT NULL, ext text NULL);
        CREATE TABLE IF NOT EXISTS test_history_faults (chat_id uuid NOT NULL);
        CREATE TABLE IF NOT EXISTS test_limit_faults (username text NOT NULL);
        CREATE OR REPLACE FUNCTION test_state_fault() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF EXISTS (SELECT 1 FROM test_state_faults f
                       WHERE f.grain_type = NEW.graintypestring AND f.n0 = NEW.grainidn0 AND f.n1 = NEW.grainidn1
                         AND f.ext IS NOT DISTINCT FROM NEW.grainidextensionstring) THEN
                RAISE EXCEPTION 'injected storage fault for % %', NEW.graintypestring, coalesce(NEW.grainidextensionstring, '')
                    USING ERRCODE = '{{SqlState}}';
            END IF;
            RETURN NEW;
        END
        $f$;
        CREATE OR REPLACE FUNCTION test_history_fault() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF EXISTS (SELECT 1 FROM test_history_faults f WHERE f.chat_id = NEW.chat_id) THEN
                RAISE EXCEPTION 'injected history fault for chat %', NEW.chat_id USING ERRCODE = '{{SqlState}}';
            END IF;
            RETURN NEW;
        END
        $f$;
        CREATE OR REPLACE FUNCTION test_limit_fault() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF EXISTS (SELECT 1 FROM test_limit_faults f WHERE f.username = NEW.username) THEN
                RAISE EXCEPTION 'injected limits fault for %', NEW.username USING ERRCODE = '{{SqlState}}';
            END IF;
            RETURN NEW;
        END
        $f$;
        CREATE OR REPLACE TRIGGER test_limit_fault BEFORE INSERT OR UPDATE ON user_limits
            FOR EACH ROW EXECUTE FUNCTION test_limit_fault();
        CREATE OR REPLACE TRIGGER test_state_fault BEFORE INSERT OR UPDATE ON orleansstorage
            FOR EACH ROW EXECUTE FUNCTION test_state_fault();
        CREATE OR REPLACE TRIGGER test_history_fault BEFORE INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION test_history_fault();
        """);

    private static async Task ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
