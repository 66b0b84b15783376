using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PingActors.Storage.Local;

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
    private readonly bool _startedHere;
    private readonly ILogger _logger;

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

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere)
        {
            try
            {
                await RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", _temporary ? "immediate" : "fast", "-w"], CancellationToken.None);
            }
            catch (CommandFailedException ex)
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
        var runDirectory = Path.Combine(root, "run");

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(binaries, root, runAs, passwordFile, durable, settings ?? [], logger, cancellationToken);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        if (RunningPort(dataDirectory) is { } runningPort)
        {
            LogJoined(logger, root, runningPort);
            return new LocalPostgresServer(root, runningPort, binaries, runAs, password, temporary, startedHere: false, logger);
        }

        var port = FreePort();
        var server = new LocalPostgresServer(root, port, binaries, runAs, password, temporary, startedHere: true, logger);
        await server.RunAsync(
            binaries.PgCtl,
            ["start", "-D", dataDirectory, "-l", Path.Combine(runDirectory, "postgres.log"), "-w", "-t", "60", "-o", $"-p {port}"],
            cancellationToken);
        LogStarted(logger, root, port);
        return server;
    }

    private static async Task InitializeAsync(
        PostgresBinaries binaries, string root, string? runAs, string passwordFile, bool durable, IReadOnlyList<string> extraSettings,
        ILogger logger, CancellationToken cancellationToken)
    {
        LogInitializing(logger, root, binaries.Directory);
        var dataDirectory = Path.Combine(root, "data");
        var runDirectory = Path.Combine(root, "run");
        // Open to others (0755): under root, the server's own user must be able to reach data/ and run/.
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(runDirectory);
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true); // a half-made one from an interrupted first start
        }

        Directory.CreateDirectory(dataDirectory);

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await WritePrivateFileAsync(passwordFile, password, cancellationToken);

        // initdb reads the password from a file; give the server's user its own short-lived copy.
        var initPasswordFile = Path.Combine(runDirectory, "initdb-password");
        await WritePrivateFileAsync(initPasswordFile, password, cancellationToken);
        if (runAs is not null)
        {
            await Command.RunAsync("chown", ["-R", $"{runAs}:", dataDirectory, runDirectory], runAs: null, cancellationToken);
        }

        try
        {
            List<string> arguments =
            [
                "-D", dataDirectory, "-U", Superuser, "--auth=scram-sha-256", $"--pwfile={initPasswordFile}",
                "--encoding=UTF8", "--locale=C", "--no-instructions",
            ];
            if (!durable)
            {
                arguments.Add("--no-sync");
            }

            await Command.RunAsync(binaries.InitDb, arguments, runAs, cancellationToken);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }

        // Loopback only, a socket in run/, and room for a few silos' pools. A server for tests trades crash
        // safety (which nothing it holds needs) for speed; any other stays fully durable.
        List<string> settings =
        [
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{runDirectory.Replace("'", "''", StringComparison.Ordinal)}'",
            "max_connections = 300",
        ];
        if (!durable)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        settings.AddRange(extraSettings);

        // Appending keeps the file's owner, which under root is the server's user, as it must be.
        var appended = $"{Environment.NewLine}# PingActors{Environment.NewLine}{string.Join(Environment.NewLine, settings)}{Environment.NewLine}";
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), appended, cancellationToken);
    }

    private static async Task WritePrivateFileAsync(string path, string contents, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, contents, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The port of a server already running on this data directory, if there is one.</summary>
    private static int? RunningPort(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        // postmaster.pid: line 1 is the pid, line 4 the port.
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4
            || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !Directory.Exists($"/proc/{pid}"))
        {
            return null; // stale; pg_ctl start clears it
        }

        return port;
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not stop the PostgreSQL server in {Root}")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string root);
}
