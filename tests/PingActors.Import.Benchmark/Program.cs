using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PingActors.Import.Benchmark;
using PingActors.LocalPostgres;
using PingActors.Testing;
using PingActors.Testing.SourceDesigns;
using Spectre.Console;

// Times the silo's import verb on a generated source: the first import (the figure the README quotes), a
// second run with nothing changed, a delta run after the source changed (a cut-over's freeze), and --verify.
// Generating the source is timed apart and counts for none of them.
if (ImportBenchmarkOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(ImportBenchmarkOptions.Usage);
    return 1;
}

var logger = NullLogger.Instance;
await using var server = options.Postgres is null
    ? await LocalPostgresServer.StartTemporaryAsync(logger, durable: true, [
        // As the benchmark tunes its server (tests/PingActors.Benchmarks/PostgresTuning.cs); durability stays on.
        $"shared_buffers = {Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8 / 1048576, 128, 2048)}MB",
        "max_wal_size = 8GB",
        "checkpoint_timeout = 15min",
    ])
    : null;
var admin = options.Postgres ?? server!.ConnectionString("postgres");
var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
var sourceName = $"import_source_{stamp}";
await using (var connection = new NpgsqlConnection(admin))
{
    await connection.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE {sourceName}", connection);
    await create.ExecuteNonQueryAsync();
}

var source = new NpgsqlConnectionStringBuilder(admin) { Database = sourceName }.ConnectionString;
var target = await MigratedDatabase.CreateAsync(admin, $"import_target_{stamp}", logger);
await SourceSchemas.CreateAsync(source, options.Design);
var generator = new SourceDataGenerator(new SourceDataOptions { Design = options.Design, Seed = options.Seed, Pings = options.Pings, Now = DateTimeOffset.UtcNow });
var clock = Stopwatch.StartNew();
var written = await SourceDataWriter.WriteAsync(source, generator);
await using (var connection = new NpgsqlConnection(source))
{
    await connection.OpenAsync();
    await using var analyze = new NpgsqlCommand("ANALYZE", connection);
    await analyze.ExecuteNonQueryAsync();
}

AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
    $"Source ({options.Design}): {written.Pings:N0} pings, {written.Chats:N0} chats, {written.Messages:N0} messages, {written.Limits:N0} limit rows, written in {clock.Elapsed.TotalSeconds:N1} s.");

var report = Path.Combine(Path.GetTempPath(), $"import-benchmark-{stamp}.csv");
string[] arguments = ["--from", source, "--report", report, .. options.ChunkSize is { } size ? ["--chunk-size", size.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>()];
var rows = new List<(string Step, int ExitCode, TimeSpan Elapsed, IReadOnlyList<StepTime> Steps)>();
var loadBefore = await File.ReadAllTextAsync("/proc/loadavg");
await TimeAsync("import", arguments);
await TimeAsync("again, nothing changed", arguments);
await using (var connection = new NpgsqlConnection(source))
{
    await connection.OpenAsync();
    await using var change = new NpgsqlCommand(SourceChanges.Sql, connection);
    await change.ExecuteNonQueryAsync();
}

await TimeAsync("delta after ~1% changed", arguments);
await TimeAsync("--verify", [.. arguments, "--verify"]);
var loadAfter = await File.ReadAllTextAsync("/proc/loadavg");

var table = new Table().AddColumns("step", "exit code", "seconds", "source pings per second");
foreach (var (step, code, elapsed, _) in rows)
{
    table.AddRow(step, code.ToString(CultureInfo.InvariantCulture), elapsed.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture),
        (written.Pings / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture));
}

AnsiConsole.Write(table);
AnsiConsole.Write(StepTable.Of(rows.Select(r => (r.Step, r.Elapsed, r.Steps)).ToList()));
AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) before: {loadBefore.Trim()}; after: {loadAfter.Trim()}. {Environment.ProcessorCount} cores.");
File.Delete(report);
return 0;

async Task TimeAsync(string step, IEnumerable<string> with)
{
    var (code, elapsed, steps) = await SiloProcess.ImportAsync(target, with);
    rows.Add((step, code, elapsed, steps));
}
