using Microsoft.Extensions.Logging;
using Npgsql;
using PingActors.LocalPostgres;
using PingActors.Testing;
using PingActors.Testing.SourceDesigns;

namespace PingActors.Benchmarks;

/// <summary>
/// The one database both designs run on: PingActors' schema (migrated as the hosts do) and the seed's in its own
/// schema. It lives on the server <c>--postgres</c> names, or else on a throwaway server started from the
/// installed binaries the way the tests start theirs, but with PostgreSQL's full durability left on.
/// </summary>
internal sealed partial class BenchmarkDatabase : IAsyncDisposable
{
    public const string SeedPoolName = "seed";
    public const string LegacyPoolName = "legacy";

    private readonly LocalPostgresServer? _server;
    private readonly string? _adminConnectionString;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly List<string> _siblings = [];

    private BenchmarkDatabase(LocalPostgresServer? server, string? adminConnectionString, string name, string connectionString, ILogger logger)
    {
        _server = server;
        _adminConnectionString = adminConnectionString;
        _name = name;
        _logger = logger;
        ConnectionString = connectionString;
        Seed = DesignDataSource(connectionString, SeedPoolName);
        Legacy = DesignDataSource(connectionString, LegacyPoolName);
        Admin = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>PingActors' connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The seed design's pool: its functions resolve their tables through <c>search_path = seed</c>.</summary>
    public NpgsqlDataSource Seed { get; }

    /// <summary>The legacy design's pool: its functions and triggers resolve their tables through <c>search_path = legacy</c>.</summary>
    public NpgsqlDataSource Legacy { get; }

    /// <summary>For the benchmark's own setup and checks.</summary>
    public NpgsqlDataSource Admin { get; }

    public string? ServerVersion { get; private set; }

    /// <summary>The folder of the server this run started (its data folder is inside); null for a configured server.</summary>
    public string? ServerFolder => _server?.RootDirectory;

    public static async Task<BenchmarkDatabase> CreateAsync(string? configured, IReadOnlyList<string> extraSettings, ILogger logger)
    {
        var name = $"pingactors_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        LocalPostgresServer? server = null;
        string admin;
        if (string.IsNullOrWhiteSpace(configured))
        {
            server = await LocalPostgresServer.StartTemporaryAsync(logger, durable: true, [.. PostgresTuning.Settings, .. extraSettings]);
            admin = server.ConnectionString("postgres");
        }
        else
        {
            admin = configured;
        }

        var connectionString = await MigratedDatabase.CreateAsync(admin, name, logger);
        var database = new BenchmarkDatabase(server, server is null ? admin : null, name, connectionString, logger);
        await database.CreateSeedSchemaAsync();
        await SourceSchemas.CreateAsync(connectionString, SourceDesign.Older, "legacy");
        return database;
    }

    /// <summary>A further migrated database on the same server, for a measure that needs one to itself; dropped with this one.</summary>
    public async Task<string> CreateSiblingAsync(string suffix)
    {
        var name = $"{_name}_{suffix}";
        _siblings.Add(name);
        return await MigratedDatabase.CreateAsync(_server?.ConnectionString("postgres") ?? _adminConnectionString!, name, _logger);
    }

    /// <summary>
    /// A pool for the seed's or the legacy design's clients, named <paramref name="pool"/>; the pool's name is also
    /// its schema, through which the design's functions resolve their tables. Neither design leaves session state
    /// behind, so a connection goes back to the pool as it is, as a pgbench client's would: Npgsql would otherwise
    /// reset it with four more statements before its next use (PingActors' pools do the same).
    /// </summary>
    public static NpgsqlDataSource DesignDataSource(string connectionString, string pool) => new NpgsqlDataSourceBuilder(connectionString)
    {
        Name = pool,
        ConnectionStringBuilder = { SearchPath = pool, MaxAutoPrepare = 16, MaxPoolSize = 200, NoResetOnClose = true },
    }.Build();

    /// <summary>Runs a statement on the benchmark database.</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Fills the seed's limits cache and the legacy design's limits for <paramref name="users"/> with raised limits,
    /// as PingActors' user grains start with theirs.
    /// </summary>
    public async Task WarmLimitsAsync(string[] users)
    {
        await ExecuteAsync("INSERT INTO seed.ping_limits_cache (username, daily_pings_limit) SELECT u, 1000000 FROM unnest($1::text[]) AS u", [users]);
        await ExecuteAsync("INSERT INTO legacy.ping_limits (username, daily_limit) SELECT u, 1000000 FROM unnest($1::text[]) AS u", [users]);
    }

    /// <summary>
    /// Vacuums PingActors' history, event and aggregate tables and takes a checkpoint now, so that neither autovacuum
    /// nor a checkpoint lands inside the measurement that follows.
    /// </summary>
    public async Task SettleAsync()
    {
        await ExecuteAsync("""
            VACUUM (ANALYZE) public.chats, public.pings, public.messages, public.events,
                public.user_daily_stats, public.user_daily_response_minutes, public.listing_stats, public.listing_response_minutes
            """);
        await CheckpointAsync();
    }

    /// <summary>
    /// Takes a checkpoint now, so that none lands inside the measurement that follows and every round starts as
    /// far from the last one (the first change to each page after a checkpoint writes the whole page to the WAL).
    /// </summary>
    public async Task CheckpointAsync()
    {
        try
        {
            await ExecuteAsync("CHECKPOINT");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            LogNoCheckpoint();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Seed.DisposeAsync();
        await Legacy.DisposeAsync();
        await Admin.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            foreach (var name in (string[])[.. _siblings, _name])
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private async Task CreateSeedSchemaAsync()
    {
        await using var stream = typeof(BenchmarkDatabase).Assembly.GetManifestResourceStream("PingActors.Benchmarks.seed.sql")!;
        using var reader = new StreamReader(stream);
        await ExecuteAsync(await reader.ReadToEndAsync());
        ServerVersion = await ScalarAsync<string>("SHOW server_version");
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = Admin.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The benchmark's database user may not CHECKPOINT; a checkpoint may land inside a round.")]
    private partial void LogNoCheckpoint();
}
