using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PingActors.LocalPostgres;

/// <summary>
/// A private PostgreSQL server run from the binaries installed on this machine, listening on loopback only
/// and protected by a generated password. The development host keeps one in a per-user data folder, so its
/// data survives restarts; tests and the benchmark start throwaway ones in a temp folder.
/// PostgreSQL refuses to run as root, so under root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed partial class LocalPostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string ServiceUser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly string? _runAs;
    private readonly string _password;
    private readonly bool _temporary;
    private readonly ILogger _logger;
    private bool _startedHere;

    private LocalPostgresServer(string root, int port, PostgresBinaries binaries, string? runAs, string password, bool temporary, bool startedHere, ILogger logger)
    {
        RootDirectory = root;
        Port = port;
        _binaries = binaries;
        _runAs = runAs;
        _password = password;
        _temporary = temporary;
        _startedHere = startedHere;
        _logger = logger;
    }

    /// <summary>The folder that holds the data directory (<c>data/</c>), the socket and log (<c>run/</c>) and the password.</summary>
    public string RootDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private string RunDirectory => Path.Combine(RootDirectory, "run");

    /// <summary>The per-user folder the development host keeps its server in.</summary>
    public static string DefaultRootDirectory =>
        Environment.IsPrivilegedProcess
            ? "/var/lib/pingactors/postgres" // root's home is closed to the postgres user
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "pingactors", "postgres");

    /// <summary>Starts (creating it first if need be) the server kept in <paramref name="rootDirectory"/>, or joins it if it is already running.</summary>
    /// <param name="binDirectory">Where initdb and pg_ctl are, if not in the usual places.</param>
    public static Task<LocalPostgresServer> StartPersistentAsync(
        string rootDirectory, ILogger logger, string? binDirectory = null, CancellationToken cancellationToken = default) =>
        StartAsync(Path.GetFullPath(rootDirectory), temporary: false, durable: true, binDirectory, logger, cancellationToken);

    /// <summary>Starts a throwaway server in a new temp folder; disposing it stops the server and deletes the folder.</summary>
    /// <param name="durable">
    /// Keep PostgreSQL's crash safety (fsync, synchronous commit). Tests do without it, for speed; a benchmark
    /// must not, or it measures a database no one would run.
    /// </param>
    /// <param name="settings">More postgresql.conf lines (<c>name = value</c>), for a server tuned to its job.</param>
    public static Task<LocalPostgresServer> StartTemporaryAsync(
        ILogger logger, bool durable = false, IReadOnlyList<string>? settings = null, CancellationToken cancellationToken = default) =>
        StartAsync(Path.Combine(Path.GetTempPath(), $"pingactors-pg-{Guid.NewGuid():N}"), temporary: true, durable, binDirectory: null, logger, cancellationToken, settings);

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        if (!database.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("Database names here are lower-case letters, digits and underscores.", nameof(database));
        }

        await using var connection = new NpgsqlConnection(OwnConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Whether a server runs on this data directory now (its postmaster's lock names a live process).</summary>
    public bool IsRunning => PostmasterLock.RunningPort(DataDirectory) is not null;

    /// <summary>Stops the server (<c>pg_ctl stop</c>), as an operator would; <see cref="StartAgainAsync"/> starts it again.</summary>
    /// <param name="mode"><see cref="ShutdownMode.Fast"/> ends every session and checkpoints; <see cref="ShutdownMode.Immediate"/> ends every process at once, leaving crash recovery to the next start.</param>
    public async Task StopAsync(ShutdownMode mode = ShutdownMode.Fast, CancellationToken cancellationToken = default)
    {
        var name = mode == ShutdownMode.Immediate ? "immediate" : "fast";
        await RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", name, "-w", "-t", "60"], cancellationToken);
    }

    /// <summary>
    /// Starts the server again on the same port, so connection strings stay valid, after it was stopped or
    /// crashed; returns once it accepts connections. A crash's leftovers are cleared first, as on every start.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await ClearCrashedAsync(RootDirectory, _logger, cancellationToken);
        await LaunchAsync(cancellationToken);
        _startedHere = true;
    }

    /// <summary>
    /// SIGKILL to the postmaster alone, as in a crash: its other processes are left to notice on their own, and
    /// its lock files stay behind. Returns once the postmaster is gone.
    /// </summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        var held = PostmasterLock.Read(DataDirectory) ?? throw new InvalidOperationException($"No PostgreSQL server runs in {RootDirectory}.");
        ServerProcesses.Kill(held.Pid);
        if (!await ServerProcesses.WaitForExitAsync([held.Pid], DataDirectory, TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new InvalidOperationException($"The postmaster {held.Pid} of {RootDirectory} did not die.");
        }
    }

    /// <summary>
    /// Ends (<c>pg_terminate_backend</c>) the server processes of the connections to <paramref name="database"/>
    /// whose application name is <paramref name="applicationName"/>, as an administrator or a broken network
    /// would, and returns how many it ended. With <paramref name="waitingForLockOn"/>, only those waiting for a
    /// lock on that table: connections caught in the middle of a statement.
    /// </summary>
    public async Task<int> TerminateConnectionsAsync(
        string database, string applicationName, string? waitingForLockOn = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(OwnConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var terminate = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE pg_terminate_backend(a.pid, 10000))::int FROM pg_stat_activity a
            WHERE a.datname = current_database() AND a.application_name = $1 AND a.pid <> pg_backend_pid()
              AND ($2::text IS NULL OR EXISTS (
                  SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted AND l.relation = to_regclass($2)))
            """, connection);
        terminate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = applicationName });
        terminate.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = waitingForLockOn });
        return (int)(await terminate.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere)
        {
            try
            {
                if (PostmasterLock.RunningPort(DataDirectory) is null)
                {
                    await ClearCrashedAsync(RootDirectory, _logger, CancellationToken.None); // killed (or stopped) and not started again
                }
                else
                {
                    await RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", _temporary ? "immediate" : "fast", "-w"], CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is CommandFailedException or InvalidOperationException)
            {
                LogStopFailed(_logger, ex, RootDirectory);
            }
        }

        if (_temporary)
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    private static async Task<LocalPostgresServer> StartAsync(
        string root, bool temporary, bool durable, string? binDirectory, ILogger logger, CancellationToken cancellationToken, IReadOnlyList<string>? settings = null)
    {
        var binaries = await PostgresBinaries.FindAsync(binDirectory, cancellationToken);
        var runAs = Environment.IsPrivilegedProcess ? ServiceUser : null;
        var passwordFile = Path.Combine(root, "password");
        var dataDirectory = Path.Combine(root, "data");

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            LogInitializing(logger, root, binaries.Directory);
            await PostgresDataFolder.CreateAsync(binaries, root, runAs, passwordFile, Superuser, durable, settings ?? [], cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        if (PostmasterLock.RunningPort(dataDirectory) is { } runningPort)
        {
            LogJoined(logger, root, runningPort);
            return new LocalPostgresServer(root, runningPort, binaries, runAs, password, temporary, startedHere: false, logger);
        }

        await ClearCrashedAsync(root, logger, cancellationToken);
        var server = new LocalPostgresServer(root, FreePort(), binaries, runAs, password, temporary, startedHere: true, logger);
        await server.LaunchAsync(cancellationToken);
        return server;
    }

    /// <summary>After a crash: ends the dead server's leftover processes and removes the lock files that would stop a new start.</summary>
    private static async Task ClearCrashedAsync(string root, ILogger logger, CancellationToken cancellationToken)
    {
        if (await PostmasterLock.ClearCrashedAsync(Path.Combine(root, "data"), Path.Combine(root, "run"), cancellationToken) is { } ended)
        {
            LogCrashCleared(logger, root, ended);
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        await RunAsync(
            _binaries.PgCtl,
            ["start", "-D", DataDirectory, "-l", Path.Combine(RunDirectory, "postgres.log"), "-w", "-t", "60", "-o", $"-p {Port}"],
            cancellationToken);
        LogStarted(_logger, RootDirectory, Port);
    }

    /// <summary>The connections of the server's own operations, unpooled: after a restart a pool would hold dead ones.</summary>
    private string OwnConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        Command.RunAsync(program, arguments, _runAs, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating a PostgreSQL data folder in {Root} (server programs in {Binaries})")]
    private static partial void LogInitializing(ILogger logger, string root, string binaries);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL started from {Root} on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, string root, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL from {Root} is already running on 127.0.0.1:{Port}; using it")]
    private static partial void LogJoined(ILogger logger, string root, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL in {Root} had crashed; removed its stale lock files and ended {Leftovers} of its processes that still ran")]
    private static partial void LogCrashCleared(ILogger logger, string root, int leftovers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not stop the PostgreSQL server in {Root}")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string root);
}
