using Npgsql;
using PingActors.Import.Progress;
using PingActors.Import.Runs;
using PingActors.Import.Staging;
using PingActors.Users;

namespace PingActors.Import.GrainState;

/// <summary>
/// Writes the user settings the source holds (a daily limit of one's own, a cooldown still running) into the
/// user grains' state, a chunk at a time with the run's checkpoint: new ones as a first write would, ones the
/// import wrote before only where the source changed them (bumping the version, as any write does). Settings
/// PingActors holds that the import did not write are left alone, and the source's row is reported.
/// </summary>
public sealed class UserSettingsWriter(GrainStateRows rows)
{
    public async Task WriteAsync(
        NpgsqlConnection target, Workspace workspace, ImportRun run, string limitsTable, int chunkSize, IImportProgress progress, CancellationToken cancellationToken)
    {
        var step = progress.Start("Writing user settings", await CountAsync(target, workspace, cancellationToken), "users");
        var after = run.Checkpoint ?? "";
        var done = 0L;
        while (true)
        {
            await using var transaction = await target.BeginTransactionAsync(cancellationToken);
            var chunk = await NextChunkAsync(target, workspace, after, chunkSize, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await GrainStateCopy.WriteAsync(target, [.. chunk.Select(u => rows.User(u.Username, new UserState { DailyLimit = u.DailyLimit, CooldownUntil = u.CooldownUntil }))], cancellationToken);
            var written = await UpsertAsync(target, cancellationToken);
            var held = chunk.Where(u => !u.Recorded && !written.Contains(u.Username)).Select(u => u.Username).ToArray();

            var from = after;
            after = chunk[^1].Username;
            await using var batch = new NpgsqlBatch(target, transaction);
            var record = new NpgsqlBatchCommand(workspace.Sql("""
                INSERT INTO pingactors_import.user_settings (username, daily_limit, cooldown_until, run_id)
                SELECT u.username, u.daily_limit, u.cooldown_until, $3
                FROM {s}.prep_users u
                WHERE u.username > $1 AND u.username <= $2 AND u.username <> ALL ($4)
                ON CONFLICT (username) DO UPDATE SET daily_limit = EXCLUDED.daily_limit, cooldown_until = EXCLUDED.cooldown_until, run_id = EXCLUDED.run_id
                WHERE (user_settings.daily_limit, user_settings.cooldown_until) IS DISTINCT FROM (EXCLUDED.daily_limit, EXCLUDED.cooldown_until)
                """));
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = run.RunId });
            record.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = held });
            batch.BatchCommands.Add(record);
            if (held.Length > 0)
            {
                var report = new NpgsqlBatchCommand(workspace.Sql("""
                    INSERT INTO {s}.prep_report (source_table, source_key, reason, detail)
                    SELECT $2, name, 'settings-held',
                           'PingActors already holds settings for this user that the import did not write; they stay as they are'
                    FROM unnest($1::text[]) AS name
                    """));
                report.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = held });
                report.Parameters.Add(new NpgsqlParameter<string> { TypedValue = limitsTable });
                batch.BatchCommands.Add(report);
            }

            run.Counts.Add("users.written", written.Count);
            batch.BatchCommands.Add(RunStore.Checkpoint(run, after));
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done += chunk.Count;
            step.Report(done);
        }

        step.Complete(done);
    }

    /// <summary>The users whose settings differ from what the import last wrote for them (or who have none written).</summary>
    private const string Changed = """
        FROM {s}.prep_users u
        LEFT JOIN pingactors_import.user_settings k ON k.username = u.username
        WHERE (k.username IS NULL OR (k.daily_limit, k.cooldown_until) IS DISTINCT FROM (u.daily_limit, u.cooldown_until))
        """;

    private static async Task<long> CountAsync(NpgsqlConnection target, Workspace workspace, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(workspace.Sql($"SELECT count(*) {Changed}"), target);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<(string Username, int? DailyLimit, DateTimeOffset? CooldownUntil, bool Recorded)>> NextChunkAsync(
        NpgsqlConnection target, Workspace workspace, string after, int size, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(workspace.Sql($"""
            SELECT u.username, u.daily_limit, u.cooldown_until, k.username IS NOT NULL
            {Changed} AND u.username > $1
            ORDER BY u.username
            LIMIT $2
            """), target);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
        var chunk = new List<(string, int?, DateTimeOffset?, bool)>(size);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunk.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.GetBoolean(3)));
        }

        return chunk;
    }

    /// <summary>Inserts new settings and rewrites the ones the import wrote before; returns the users written.</summary>
    private static async Task<HashSet<string>> UpsertAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO OrleansStorage AS s ({GrainStateCopy.Columns}, ModifiedOn, Version)
            SELECT {GrainStateCopy.Columns}, now() AT TIME ZONE 'utc', 1 FROM import_grain_rows
            ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
            DO UPDATE SET PayloadBinary = EXCLUDED.PayloadBinary, ModifiedOn = EXCLUDED.ModifiedOn, Version = s.Version + 1
            WHERE EXISTS (SELECT 1 FROM pingactors_import.user_settings k WHERE k.username = s.GrainIdExtensionString)
              AND s.PayloadBinary IS DISTINCT FROM EXCLUDED.PayloadBinary
            RETURNING s.GrainIdExtensionString
            """, target);
        var written = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            written.Add(reader.GetString(0));
        }

        return written;
    }
}
