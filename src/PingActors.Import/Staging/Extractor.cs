using System.Data;
using Npgsql;
using NpgsqlTypes;
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

        task.Complete(done);
        await snapshot.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task<long> CopyAsync(
        NpgsqlConnection source, NpgsqlConnection target, Workspace workspace, StagingCopy copy, Action<long> report, CancellationToken cancellationToken)
    {
        await using var reader = await source.BeginBinaryExportAsync($"COPY ({copy.Select}) TO STDOUT (FORMAT BINARY)", cancellationToken);
        await using var writer = await target.BeginBinaryImportAsync($"COPY {workspace.Schema}.{copy.Stage} FROM STDIN (FORMAT BINARY)", cancellationToken);
        var rows = 0L;
        while (await reader.StartRowAsync(cancellationToken) != -1)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var type in copy.Types)
            {
                if (reader.IsNull)
                {
                    await reader.SkipAsync(cancellationToken);
                    await writer.WriteNullAsync(cancellationToken);
                    continue;
                }

                switch (type)
                {
                    case ColumnType.Uuid:
                        await writer.WriteAsync(await reader.ReadAsync<Guid>(NpgsqlDbType.Uuid, cancellationToken), NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    case ColumnType.Text:
                        await writer.WriteAsync(await reader.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken), NpgsqlDbType.Text, cancellationToken);
                        break;
                    case ColumnType.TimestampTz:
                        await writer.WriteAsync(await reader.ReadAsync<DateTime>(NpgsqlDbType.TimestampTz, cancellationToken), NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                    case ColumnType.Number:
                        await writer.WriteAsync(await reader.ReadAsync<int>(NpgsqlDbType.Integer, cancellationToken), NpgsqlDbType.Integer, cancellationToken);
                        break;
                }
            }

            if (++rows % ReportEvery == 0)
            {
                report(rows);
            }
        }

        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

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
