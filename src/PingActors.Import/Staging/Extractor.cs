using System.Data;
using Npgsql;
using PingActors.Import.Progress;
using PingActors.Import.Sources;

namespace PingActors.Import.Staging;

/// <summary>
/// Reads the source into the staging tables: each query through binary <c>COPY ... TO STDOUT</c>, each row
/// straight into binary <c>COPY ... FROM STDIN</c>, all from one snapshot of the source (a repeatable-read,
/// read-only transaction), so the tables agree with each other even while the old system keeps writing.
/// </summary>
public static class Extractor
{
    private const int ReportEvery = 10_000;

    /// <summary>Empties the staging tables and fills them; the caller commits <paramref name="target"/>'s transaction. Returns rows per source table.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ExtractAsync(
        NpgsqlConnection source, NpgsqlConnection target, Workspace workspace, IReadOnlyList<StagingCopy> copies,
        IImportProgress progress, CancellationToken cancellationToken)
    {
        await using (var truncate = new NpgsqlCommand(workspace.Sql(string.Join(";", Workspace.StageTables.Select(t => $"TRUNCATE {{s}}.{t}"))), target))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var snapshot = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", source, snapshot))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        var estimates = await EstimateAsync(source, copies, cancellationToken);
        var task = progress.Start("Reading the source", estimates.Values.Sum());
        var rows = new Dictionary<string, long>();
        var done = 0L;
        foreach (var copy in copies)
        {
            var copied = await CopyAsync(source, target, workspace, copy, n => task.Report(done + n), cancellationToken);
            rows[copy.Source] = rows.GetValueOrDefault(copy.Source) + copied;
            done += copied;
            task.Report(done);
        }

        await using (var analyze = new NpgsqlCommand(workspace.Sql(string.Join(";", Workspace.StageTables.Select(t => $"ANALYZE {{s}}.{t}"))), target))
        {
            // The derivation joins these tables at once: the planner needs to know how big they are.
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        task.Complete(done);
        await snapshot.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task<long> CopyAsync(
        NpgsqlConnection source, NpgsqlConnection target, Workspace workspace, StagingCopy copy, Action<long> report, CancellationToken cancellationToken)
    {
        await using var reader = await source.BeginBinaryExportAsync($"COPY ({copy.Select}) TO STDOUT (FORMAT BINARY)", cancellationToken);
        await using var writer = await target.BeginBinaryImportAsync(
            $"COPY {workspace.Schema}.{Table(copy.Kind)} ({StagePumps.Columns(copy.Kind)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var rows = 0L;
        while (await reader.StartRowAsync(cancellationToken) != -1)
        {
            await writer.StartRowAsync(cancellationToken);
            await StagePumps.RowAsync(copy.Kind, reader, writer, cancellationToken);
            if (++rows % ReportEvery == 0)
            {
                report(rows);
            }
        }

        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

    private static string Table(StagingKind kind) => kind switch
    {
        StagingKind.Pings => "stage_pings",
        StagingKind.Chats => "stage_chats",
        StagingKind.Messages => "stage_messages",
        _ => "stage_limits",
    };

    /// <summary>The planner's row estimates, for the progress bar only.</summary>
    private static async Task<Dictionary<string, long>> EstimateAsync(NpgsqlConnection source, IReadOnlyList<StagingCopy> copies, CancellationToken cancellationToken)
    {
        var estimates = new Dictionary<string, long>();
        foreach (var table in copies.Select(c => c.Source).Distinct())
        {
            await using var command = new NpgsqlCommand("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass($1)", source);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SourceTable.Quote(table) });
            estimates[table] = await command.ExecuteScalarAsync(cancellationToken) is long n ? n : 0;
        }

        return estimates;
    }
}
