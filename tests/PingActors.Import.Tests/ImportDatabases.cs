using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PingActors.Hosting;
using PingActors.Platform;
using PingActors.Testing;
using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests;

/// <summary>
/// A source database holding one of the designs PingActors replaces, filled by the generator, and a fresh
/// PingActors database to import it into, on the same server. The import runs in-process with the silo's own
/// services and the domain clock at the data's "now".
/// </summary>
public sealed class ImportDatabases : IAsyncDisposable
{
    private readonly string _sourceName;

    private ImportDatabases(TestDatabase target, string sourceName, string sourceConnectionString, SourceDataGenerator data, SourceDataSummary written)
    {
        Target = target;
        _sourceName = sourceName;
        Source = sourceConnectionString;
        Data = data;
        Written = written;
        Conversations = [.. data.Conversations()];
        Clock = new FakeTimeProvider(data.Options.Now);
    }

    public TestDatabase Target { get; }

    /// <summary>The source database's connection string.</summary>
    public string Source { get; }

    public SourceDataGenerator Data { get; }

    public SourceDataSummary Written { get; }

    /// <summary>Everything the generator made, with what PingActors must show for it.</summary>
    public IReadOnlyList<SourceConversation> Conversations { get; }

    /// <summary>The domain clock of the in-process imports: the data's now.</summary>
    public FakeTimeProvider Clock { get; }

    public string ReportPath { get; } = Path.Combine(Path.GetTempPath(), $"import-report-{Guid.NewGuid():N}.csv");

    public static async Task<ImportDatabases> CreateAsync(SourceDesign design, int pings = 250, int seed = 7, DateTimeOffset? now = null)
    {
        var target = await TestDatabase.CreateAsync();
        var name = $"pingactors_source_{Guid.NewGuid():N}";
        await using (var connection = await target.OpenAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var source = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = name }.ConnectionString;
        await SourceSchemas.CreateAsync(source, design);
        var data = new SourceDataGenerator(new SourceDataOptions { Design = design, Seed = seed, Pings = pings, Now = now ?? DateTimeOffset.UtcNow });
        var written = await SourceDataWriter.WriteAsync(source, data);
        return new ImportDatabases(target, name, source, data, written);
    }

    /// <summary>Runs the import command in-process against the target, as the silo's verb would; returns its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(Target, Clock, arguments);

    /// <summary>Runs the import command in-process against <paramref name="target"/> with the domain clock at <paramref name="clock"/>.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(TestDatabase target, TimeProvider clock, params string[] arguments)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = target.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddPingActorsSilo(singleNode: true);
        builder.Services.AddKeyedSingleton(DomainClock.Key, clock);
        using var host = builder.Build();
        await host.MigratePingActorsDatabaseAsync();
        using var output = new StringWriter();
        var code = await ImportCommand.RunAsync(host.Services, ["import", "--from", Source, "--report", ReportPath, .. arguments], output);
        return (code, output.ToString());
    }

    /// <summary>Runs SQL against the source (to change it behind the import's back, as the old system would).</summary>
    public async Task ExecuteOnSourceAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Source);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = await Target.OpenAsync())
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_sourceName} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await Target.DisposeAsync();
        File.Delete(ReportPath);
    }
}
