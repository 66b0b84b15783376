using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PingActors.LocalPostgres;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>The private PostgreSQL of <c>dotnet run</c> after a crash: the next start needs no hand-made fix.</summary>
public sealed class EmbeddedPostgresCrashTests : IDisposable
{
    private static readonly TimeSpan _patience = TimeSpan.FromMinutes(1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"pingactors-crash-{Guid.NewGuid():N}");

    [Fact]
    public async Task StartPersistent_AfterThePostmasterWasKilledMidQuery_StartsAgainWithItsData()
    {
        // The path the development host takes (EmbeddedPostgres): start or join the server kept in a folder.
        await using var crashed = await LocalPostgresServer.StartPersistentAsync(_root, NullLogger.Instance);
        await crashed.CreateDatabaseAsync("crash");
        await ExecuteAsync(crashed, "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1), (2), (3)");

        // A server process busy with a query does not notice its postmaster's death: it outlives the crash,
        // still holding the old server's shared memory. (The statement timeout ends it should the test fail.)
        await using var busy = new NpgsqlConnection($"{crashed.ConnectionString("crash")};Options=-c statement_timeout=30s");
        await busy.OpenAsync();
        var busyPid = busy.ProcessID;
        await using var spin = new NpgsqlCommand("SELECT count(*) FROM generate_series(1, 10000000000)", busy) { CommandTimeout = 0 };
        var spinning = spin.ExecuteScalarAsync();
        await Eventually.UntilAsync(async () => await ScalarAsync<long>(crashed, "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", busyPid) == 1, _patience, "the query to run");

        await crashed.KillAsync();
        Assert.True(IsAlive(busyPid), "the busy server process should outlive its postmaster");
        Assert.True(File.Exists(Path.Combine(_root, "data", "postmaster.pid")), "a crash leaves the lock file behind");

        await using var restarted = await LocalPostgresServer.StartPersistentAsync(_root, NullLogger.Instance);

        Assert.Equal(3L, await ScalarAsync<long>(restarted, "SELECT count(*) FROM kept"));
        Assert.False(IsAlive(busyPid), "the crashed server's leftover process still runs beside the new server");
        await Assert.ThrowsAnyAsync<Exception>(() => spinning);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Alive and not a zombie (a killed process nobody reaped).</summary>
    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart()[0] is not ('Z' or 'X');

    private static async Task ExecuteAsync(LocalPostgresServer server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("crash"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(LocalPostgresServer server, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("crash"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
