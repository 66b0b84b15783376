using Npgsql;

namespace PingActors.Import.Runs;

/// <summary>
/// The runs' bookkeeping (<c>pingactors_import.runs</c>). A run that has not finished is resumed by the next
/// import from the same source; its checkpoints are written in the same transactions as the chunks they
/// describe, so the row always says exactly what has been moved.
/// </summary>
public sealed class RunStore(NpgsqlDataSource target)
{
    /// <summary>
    /// The unfinished run from <paramref name="source"/> if there is one (unless <paramref name="restart"/>, which
    /// abandons it), else a new run as of <paramref name="asOf"/>.
    /// </summary>
    /// <exception cref="ImportException">An unfinished run is from another source.</exception>
    public async Task<ImportRun> StartOrResumeAsync(string design, string source, DateTimeOffset asOf, DateTimeOffset now, bool restart, CancellationToken cancellationToken)
    {
        if (await UnfinishedAsync(cancellationToken) is { } open)
        {
            if (!restart && open.Source != source)
            {
                throw new ImportException(
                    $"Run {open.RunId} from {open.Source} has not finished. Run the import from that source again to finish it, or pass --restart to give it up.");
            }

            if (!restart)
            {
                return open;
            }

            await using var abandon = target.CreateCommand($"UPDATE pingactors_import.runs SET phase = '{ImportPhase.Abandoned}', finished_at = $2 WHERE run_id = $1");
            abandon.Parameters.Add(new NpgsqlParameter<int> { TypedValue = open.RunId });
            abandon.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await abandon.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = target.CreateCommand("""
            INSERT INTO pingactors_import.runs (source_design, source, as_of, started_at, phase)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING run_id
            """);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = design });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = asOf });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ImportPhase.Extract });
        var runId = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        return new ImportRun(runId, design, source, asOf, ImportPhase.Extract, null, 0, new ImportCounts(), Resumed: false);
    }

    /// <summary>The last run that finished (or null): its time is where a delta import's changes start.</summary>
    public async Task<(int RunId, DateTimeOffset AsOf)?> LastFinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand($"SELECT run_id, as_of FROM pingactors_import.runs WHERE phase = '{ImportPhase.Done}' ORDER BY run_id DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    /// <summary>Records that <paramref name="run"/> moves on to <paramref name="phase"/> (in the caller's transaction, if any).</summary>
    public static async Task AdvanceAsync(NpgsqlConnection connection, ImportRun run, string phase, DateTimeOffset? finishedAt = null, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE pingactors_import.runs SET phase = $2, checkpoint = NULL, counts = $3::jsonb, finished_at = $4 WHERE run_id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = run.RunId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = phase });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Counts.ToJson() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)finishedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The checkpoint of a chunk: written in the chunk's own transaction.</summary>
    public static NpgsqlBatchCommand Checkpoint(ImportRun run, string checkpoint)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE pingactors_import.runs SET checkpoint = $2, chunks_done = chunks_done + 1, counts = $3::jsonb WHERE run_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = run.RunId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = checkpoint });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Counts.ToJson() });
        return command;
    }

    private async Task<ImportRun?> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("""
            SELECT run_id, source_design, source, as_of, phase, checkpoint, chunks_done, counts::text
            FROM pingactors_import.runs WHERE finished_at IS NULL ORDER BY run_id DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ImportRun(
            reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), ImportCounts.FromJson(reader.GetString(7)), Resumed: true);
    }
}
