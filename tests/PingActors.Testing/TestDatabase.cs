using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PingActors.LocalPostgres;

namespace PingActors.Testing;

/// <summary>
/// A fresh, migrated database for one test fixture. It lives on the server that
/// <c>PINGACTORS_TEST_POSTGRES</c> names (a connection string whose user may create databases), or else on a
/// throwaway server started from the installed PostgreSQL binaries, shared by every fixture in the process and
/// stopped and deleted when the last one is done. Nothing is ever skipped for want of a database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PINGACTORS_TEST_POSTGRES";

    private static readonly SemaphoreSlim _serverGate = new(1, 1);
    private static LocalPostgresServer? _server;
    private static int _leases;

    private readonly string _adminConnectionString;
    private readonly string _name;

    private TestDatabase(string adminConnectionString, string name, string connectionString, LocalPostgresServer? ownServer = null)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = connectionString;
        OwnServer = ownServer;
    }

    /// <summary>The connection string of this fixture's own database.</summary>
    public string ConnectionString { get; }

    /// <summary>The database's name on its server.</summary>
    public string Name => _name;

    /// <summary>The server this database has to itself (<see cref="CreateOnOwnServerAsync"/>), or <see langword="null"/> on a shared one.</summary>
    public LocalPostgresServer? OwnServer { get; }

    public static async Task<TestDatabase> CreateAsync(ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var name = $"pingactors_test_{Guid.NewGuid():N}";
        var configured = Environment.GetEnvironmentVariable(ServerVariable);
        string admin;
        if (string.IsNullOrWhiteSpace(configured))
        {
            admin = await LeaseServerAsync(logger);
        }
        else
        {
            admin = configured;
        }

        var connectionString = await MigratedDatabase.CreateAsync(admin, name, logger);
        return new TestDatabase(admin, name, connectionString);
    }

    /// <summary>
    /// A database on a PostgreSQL server of its own, started from the installed binaries whatever
    /// <c>PINGACTORS_TEST_POSTGRES</c> says, for tests that stop, kill or restart the server: the shared one must
    /// stay up for every other test in the process. Disposing it stops the server and deletes it.
    /// </summary>
    public static async Task<TestDatabase> CreateOnOwnServerAsync(ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;

        // These tests crash the server's processes, never the machine: what a commit has handed to the operating
        // system survives that without fsync, but an asynchronous commit may still sit in the server's own memory.
        var server = await LocalPostgresServer.StartTemporaryAsync(logger, settings: ["synchronous_commit = on"]);
        try
        {
            const string Name = "pingactors";
            var connectionString = await MigratedDatabase.CreateAsync(server.ConnectionString("postgres"), Name, logger);
            return new TestDatabase(server.ConnectionString("postgres"), Name, connectionString, server);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a connection to this fixture's database, for assertions on the rows themselves.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        // A server that the test restarts leaves dead connections in a pool: the test's own are not pooled.
        var connection = new NpgsqlConnection(OwnServer is null ? ConnectionString : $"{ConnectionString};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a scalar query against this fixture's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement against this fixture's database; returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query of one column against this fixture's database and returns its values in order.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        if (OwnServer is not null)
        {
            await OwnServer.DisposeAsync();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerVariable)))
        {
            await ReleaseServerAsync();
        }
    }

    private static async Task<string> LeaseServerAsync(ILogger logger)
    {
        await _serverGate.WaitAsync();
        try
        {
            _server ??= await LocalPostgresServer.StartTemporaryAsync(logger);
            _leases++;
            return _server.ConnectionString("postgres");
        }
        finally
        {
            _serverGate.Release();
        }
    }

    private static async Task ReleaseServerAsync()
    {
        await _serverGate.WaitAsync();
        try
        {
            if (--_leases == 0 && _server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
        finally
        {
            _serverGate.Release();
        }
    }
}
