using System.Diagnostics;
using Npgsql;
using PingActors.Import.GrainState;
using PingActors.Import.Importing;
using PingActors.Import.Preparing;
using PingActors.Import.Progress;
using PingActors.Import.Sources;
using PingActors.Import.Staging;

namespace PingActors.Import.Dry;

/// <summary>
/// Derives what an import would write, exactly as the import does, into the session's temporary copies of the
/// import's tables: nothing is written to PingActors or disturbs an import in progress. The plan reports from it;
/// the verification compares PingActors with it.
/// </summary>
public static class DryRun
{
    /// <summary>Reads the source and derives PingActors' rows as of <paramref name="asOf"/>, on <paramref name="target"/>'s session.</summary>
    public static async Task<DryRunResult> RunAsync(
        ImportEnvironment environment, NpgsqlConnection source, NpgsqlConnection target, DateTimeOffset asOf, IImportProgress progress, CancellationToken cancellationToken)
    {
        var shape = await SourceInspector.InspectAsync(source, cancellationToken);
        await Workspace.CreateSessionTablesAsync(target, cancellationToken);
        var day = environment.Calendar.DayOf(asOf);
        var settings = new PrepareSettings(asOf, environment.Pings.Expiry, environment.SqlTimeZone, day, shape.LimitsTableName);
        var timings = new Dictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();

        var copies = SourceQueries.For(shape, day, environment.Calendar.ResetAfter(day.AddDays(-1)), environment.Calendar.ResetAfter(day));
        IReadOnlyDictionary<string, long> rows;
        await using (var transaction = await target.BeginTransactionAsync(cancellationToken))
        {
            rows = await Extractor.ExtractAsync(source, target, Workspace.Session, copies, progress, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        timings["extract"] = Lap(clock);
        await using (var transaction = await target.BeginTransactionAsync(cancellationToken))
        {
            await Preparer.OwnersAsync(target, Workspace.Session, settings, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await new ListingRegistrar(environment.GrainRows).RegisterAsync(target, Workspace.Session, run: null, chunkSize: 50_000, write: false, progress, cancellationToken);
        timings["owners"] = Lap(clock);
        var step = progress.Start("Deriving chats, pings and messages", 0, "");
        await using (var transaction = await target.BeginTransactionAsync(cancellationToken))
        {
            await Preparer.HistoryAsync(target, Workspace.Session, settings, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        step.Complete(1);
        timings["prepare"] = Lap(clock);
        return new DryRunResult(shape, asOf, day, rows, timings);
    }

    private static TimeSpan Lap(Stopwatch clock)
    {
        var lap = clock.Elapsed;
        clock.Restart();
        return lap;
    }
}
