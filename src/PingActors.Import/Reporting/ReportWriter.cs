using System.Globalization;
using System.Text;
using Npgsql;
using PingActors.Import.Staging;

namespace PingActors.Import.Reporting;

/// <summary>
/// What a run left behind: recorded under its run in <c>pingactors_import.report</c>, and written to a CSV file
/// (table, key, reason, detail) for the people who fix the source.
/// </summary>
public static class ReportWriter
{
    /// <summary>Records the prepared report under <paramref name="runId"/>, in the caller's transaction; returns how many rows.</summary>
    public static async Task<long> RecordAsync(NpgsqlConnection target, int runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH recorded AS (
                INSERT INTO pingactors_import.report (run_id, source_table, source_key, reason, detail)
                SELECT $1, source_table, source_key, reason, min(detail)
                FROM pingactors_import.prep_report
                GROUP BY source_table, source_key, reason
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT count(*) FROM recorded
            """, target);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = runId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The report's rows of <paramref name="runId"/>, or of the session's prepared report when null.</summary>
    public static async Task<List<ReportRow>> ReadAsync(NpgsqlConnection target, int? runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(runId is null
            ? Workspace.Session.Sql("SELECT source_table, source_key, reason, min(detail) FROM {s}.prep_report GROUP BY 1, 2, 3 ORDER BY 1, 3, 2")
            : "SELECT source_table, source_key, reason, detail FROM pingactors_import.report WHERE run_id = $1 ORDER BY 1, 3, 2", target);
        if (runId is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        }

        var rows = new List<ReportRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReportRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> as CSV (RFC 4180) to <paramref name="path"/>.</summary>
    public static async Task WriteFileAsync(string path, IReadOnlyList<ReportRow> rows, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("source_table,source_key,reason,detail\r\n");
        foreach (var row in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Field(row.SourceTable)},{Field(row.SourceKey)},{Field(row.Reason)},{Field(row.Detail)}\r\n");
        }

        await File.WriteAllTextAsync(path, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
