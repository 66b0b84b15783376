using Npgsql;
using PingActors.Import.Commands;
using PingActors.Import.GrainState;
using PingActors.Import.Moving;
using PingActors.Import.Preparing;
using PingActors.Import.Progress;
using PingActors.Import.Reporting;
using PingActors.Import.Runs;
using PingActors.Import.Sources;
using PingActors.Import.Staging;

namespace PingActors.Import.Importing;

/// <summary>
/// One run of the import, phase by phase (<see cref="ImportPhase"/>): read the source into staging, decide the
/// listings' owners and register the listings, derive the chats, pings, messages and user settings, write the
/// settings, move the chats in chunks, record what stays behind, rebuild the analytics. Every phase records its
/// end, and the chunked ones a checkpoint per chunk, so a killed run resumes where it stopped. A run after a
/// finished one reads the source again and applies only what differs: that is the delta of a cut-over, and
/// without changes it changes nothing.
/// </summary>
public sealed class Importer(ImportEnvironment environment)
{
    private readonly RunStore _runs = new(environment.Target);

    public async Task<ImportOutcome> RunAsync(ImportOptions options, IImportProgress progress, TextWriter output, CancellationToken cancellationToken)
    {
        await using var importLock = await ImportLock.TryTakeAsync(environment.Target, cancellationToken)
            ?? throw new ImportException("Another import is running against this database.");
        await using var source = SourceDatabase.Open(options.From);
        await using var sourceConnection = await source.OpenConnectionAsync(cancellationToken);
        var shape = await SourceInspector.InspectAsync(sourceConnection, cancellationToken);
        var now = environment.Clock.GetUtcNow();
        var run = await _runs.StartOrResumeAsync(shape.Design.ToString(), SourceDatabase.Describe(options.From), now, now, options.Restart, cancellationToken);
        await output.WriteLineAsync(run.Resumed
            ? $"Resuming run {run.RunId} from {run.Source} ({shape.Design} design) in its {run.Phase} phase, as of {run.AsOf:u}."
            : $"Run {run.RunId}: importing from {run.Source} ({shape.Design} design), as of {run.AsOf:u}.");

        await using var target = await environment.Target.OpenConnectionAsync(cancellationToken);
        var settings = Settings(run, shape);
        if (run.Resumed && ImportPhase.Reached(run.Phase, ImportPhase.Owners) && !ImportPhase.Reached(run.Phase, ImportPhase.Rebuild)
            && await StagingLostAsync(target, run, cancellationToken))
        {
            await output.WriteLineAsync("The staged rows are gone (the database restarted): reading the source again.");
            run = run with { Phase = ImportPhase.Extract, Checkpoint = null };
        }

        if (run.Phase == ImportPhase.Extract)
        {
            run = await InTransactionAsync(target, run, ImportPhase.Owners, async () =>
            {
                var day = settings.Today;
                var copies = SourceQueries.For(shape, day, environment.Calendar.ResetAfter(day.AddDays(-1)), environment.Calendar.ResetAfter(day));
                var rows = await Extractor.ExtractAsync(sourceConnection, target, Workspace.Import, copies, progress, cancellationToken);
                foreach (var (table, count) in rows)
                {
                    run.Counts.Set($"source.{table}", count);
                }

                run.Counts.Set("staged.pings", await CountAsync(target, "stage_pings", cancellationToken));
            }, cancellationToken);
        }

        if (run.Phase == ImportPhase.Owners)
        {
            var step = progress.Start("Deciding the listings' owners", 0, "");
            run = await InTransactionAsync(target, run, ImportPhase.Listings, () => Preparer.OwnersAsync(target, Workspace.Import, settings, cancellationToken), cancellationToken);
            step.Complete(1);
        }

        var chunk = options.ChunkSize;
        if (run.Phase == ImportPhase.Listings)
        {
            await new ListingRegistrar(environment.GrainRows).RegisterAsync(target, Workspace.Import, run, chunk * 5, write: true, progress, cancellationToken);
            run = await AdvanceAsync(target, run, ImportPhase.Prepare, cancellationToken);
        }

        if (run.Phase == ImportPhase.Prepare)
        {
            var step = progress.Start("Deriving chats, pings and messages", 0, "");
            run = await InTransactionAsync(target, run, ImportPhase.Users, async () =>
            {
                await Preparer.HistoryAsync(target, Workspace.Import, settings, cancellationToken);
                run.Counts.Set("prepared.pings", await CountAsync(target, "prep_pings", cancellationToken));
            }, cancellationToken);
            step.Complete(1);
        }

        if (run.Phase == ImportPhase.Users)
        {
            await new UserSettingsWriter(environment.GrainRows).WriteAsync(target, Workspace.Import, run, shape.LimitsTableName, chunk * 5, progress, cancellationToken);
            run = await AdvanceAsync(target, run, ImportPhase.Move, cancellationToken);
        }

        if (run.Phase == ImportPhase.Move)
        {
            await ChatMover.MoveAsync(target, run, chunk, progress, cancellationToken);
            run = await AdvanceAsync(target, run, ImportPhase.Report, cancellationToken);
        }

        if (run.Phase == ImportPhase.Report)
        {
            var step = progress.Start("Recording what stays behind", 0, "");
            run = await InTransactionAsync(target, run, ImportPhase.Rebuild,
                async () => run.Counts.Set("left-behind", await ReportWriter.RecordAsync(target, run.RunId, cancellationToken)), cancellationToken);
            step.Complete(1);
        }

        if (run.Phase == ImportPhase.Rebuild)
        {
            // Imported history wrote no events (nothing is delivered live for it), so the aggregates are recomputed
            // from the pings instead; a run that changed no ping leaves them as they are.
            if (run.Counts.ChangedPings)
            {
                var step = progress.Start("Rebuilding the analytics", await CountAsync(target, "pings", cancellationToken, schema: null), "pings");
                var rebuilt = await environment.Rebuilder.RebuildAsync(new Progress<PingActors.Analytics.AnalyticsRebuildProgress>(p => step.Report(p.Pings)), cancellationToken);
                step.Complete(rebuilt.Pings);
            }

            run = await AdvanceAsync(target, run, ImportPhase.Done, cancellationToken, finished: environment.Clock.GetUtcNow());
        }

        var report = await ReportWriter.ReadAsync(target, run.RunId, cancellationToken);
        await ReportWriter.WriteFileAsync(options.ReportPath, report, cancellationToken);
        return new ImportOutcome(run.RunId, run.Counts, report.Count);
    }

    private PrepareSettings Settings(ImportRun run, SourceShape shape) => new(
        run.AsOf, environment.Pings.Expiry, environment.SqlTimeZone, environment.Calendar.DayOf(run.AsOf), shape.LimitsTableName);

    /// <summary>Runs <paramref name="work"/> and moves the run on to <paramref name="next"/> in one transaction.</summary>
    private static async Task<ImportRun> InTransactionAsync(NpgsqlConnection target, ImportRun run, string next, Func<Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        await work();
        await RunStore.AdvanceAsync(target, run, next, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run with { Phase = next, Checkpoint = null };
    }

    private static async Task<ImportRun> AdvanceAsync(NpgsqlConnection target, ImportRun run, string next, CancellationToken cancellationToken, DateTimeOffset? finished = null)
    {
        await RunStore.AdvanceAsync(target, run, next, finished, cancellationToken);
        return run with { Phase = next, Checkpoint = null };
    }

    /// <summary>Whether the unlogged staging or prepared rows a resumed run relies on were emptied by a restart of the database.</summary>
    private static async Task<bool> StagingLostAsync(NpgsqlConnection target, ImportRun run, CancellationToken cancellationToken) =>
        await CountAsync(target, "stage_pings", cancellationToken) != run.Counts["staged.pings"]
        || (ImportPhase.Reached(run.Phase, ImportPhase.Users) && await CountAsync(target, "prep_pings", cancellationToken) != run.Counts["prepared.pings"]);

    private static async Task<long> CountAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken, string? schema = Workspace.ImportSchema)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {(schema is null ? "" : $"{schema}.")}{table}", target);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
