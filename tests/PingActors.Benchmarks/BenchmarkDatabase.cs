using Microsoft.Extensions.Logging;
using Npgsql;
using PingActors.Storage;
using PingActors.Storage.Local;

namespace PingActors.Benchmarks;

/// <summary>
/// The one database both designs run on: PingActors' schema (migrated as the hosts do) and the seed's in its own
/// schema. It lives on the server <c>--postgres</c> names, or else on a throwaway server started from the
/// installed binaries the way the tests start theirs, but with PostgreSQL's full durability left on.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    public const string SeedPoolName = "seed";

    /// <summary>
    /// What any PostgreSQL given a write-heavy job is set to, instead of the defaults meant for a laptop: an
    /// eighth of memory for its cache, up to 2 GB (128 MB would send both designs to the OS for index pages), and
    /// checkpoints spaced out. Durability stays as it is (fsync and synchronous_commit on).
    /// </summary>
    public static readonly IReadOnlyList<string> Tuning =
    [
        $"shared_buffers = {Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8 / 1048576, 128, 2048)}MB",
        "max_wal_size = 8GB",
        "checkpoint_timeout = 15min",
    ];

    private readonly LocalPostgresServer? _server;
    private readonly string? _adminConnectionString;
    private readonly string _name;

    private BenchmarkDatabase(LocalPostgresServer? server, string? adminConnectionString, string name, string connectionString)
    {
        _server = server;
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = connectionString;
        Seed = new NpgsqlDataSourceBuilder(connectionString)
        {
            Name = SeedPoolName,
            ConnectionStringBuilder = { SearchPath = "seed", MaxAutoPrepare = 16, MaxPoolSize = 200 },
        }.Build();
        Admin = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>PingActors' connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The seed design's pool: its functions resolve their tables through <c>search_path = seed</c>.</summary>
    public NpgsqlDataSource Seed { get; }

    /// <summary>For the benchmark's own setup and checks.</summary>
    public NpgsqlDataSource Admin { get; }

    public string? ServerVersion { get; private set; }

    public static async Task<BenchmarkDatabase> CreateAsync(string? configured, IReadOnlyList<string> extraSettings, ILogger logger)
    {
        var name = $"pingactors_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        LocalPostgresServer? server = null;
        string admin;
        if (string.IsNullOrWhiteSpace(configured))
        {
            server = await LocalPostgresServer.StartTemporaryAsync(logger, durable: true, [.. Tuning, .. extraSettings]);
            admin = server.ConnectionString("postgres");
        }
        else
        {
            admin = configured;
        }

        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        await DatabaseMigrator.MigrateAsync(connectionString, logger);
        var database = new BenchmarkDatabase(server, server is null ? admin : null, name, connectionString);
        await database.CreateSeedSchemaAsync();
        return database;
    }

    /// <summary>Runs a statement on the benchmark database.</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Admin.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = Admin.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Seed.DisposeAsync();
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
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task CreateSeedSchemaAsync()
    {
        await using var stream = typeof(BenchmarkDatabase).Assembly.GetManifestResourceStream("PingActors.Benchmarks.seed.sql")!;
        using var reader = new StreamReader(stream);
        await ExecuteAsync(await reader.ReadToEndAsync());
        ServerVersion = await ScalarAsync<string>("SHOW server_version");
    }
}
