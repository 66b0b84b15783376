using Npgsql;
using PingActors.Import.Progress;
using PingActors.Import.Runs;
using PingActors.Import.Staging;
using PingActors.Listings;
using PingActors.Storage;

namespace PingActors.Import.GrainState;

/// <summary>
/// Registers the listings the import has not registered yet, a chunk at a time: writes each listing's grain
/// state exactly as the listing grain's first registration would (a first write succeeds only where no row
/// exists), and records it, in one transaction with the run's checkpoint. A listing PingActors already holds
/// keeps its owner; where that is someone else, the pings that name another owner stay behind with the reason.
/// </summary>
public sealed class ListingRegistrar(GrainStateRows rows)
{
    /// <summary>The source has no titles; an owner's next PUT of the listing gives it theirs.</summary>
    public const string ImportedTitle = "Imported listing";

    /// <summary>
    /// Registers the listings (or, without <paramref name="write"/>, for the plan and the verification, only finds
    /// the ones PingActors holds for someone else). Returns how many were created.
    /// </summary>
    public async Task<long> RegisterAsync(
        NpgsqlConnection target, Workspace workspace, ImportRun? run, int chunkSize, bool write, IImportProgress progress, CancellationToken cancellationToken)
    {
        var step = progress.Start(write ? "Registering listings" : "Looking for listings PingActors holds", await PendingAsync(target, workspace, cancellationToken), "listings");
        var after = Guid.TryParse(run?.Checkpoint, out var checkpoint) ? checkpoint : Guid.Empty;
        var created = 0L;
        var done = 0L;
        while (true)
        {
            await using var transaction = await target.BeginTransactionAsync(cancellationToken);
            var chunk = await NextChunkAsync(target, workspace, after, chunkSize, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            await GrainStateCopy.WriteAsync(target, [.. chunk.Select(l => rows.Listing(l.Id, new ListingState
            {
                Owner = l.Owner, Title = ImportedTitle, Status = ListingStatus.Open, CreatedAt = l.CreatedAt,
            }))], cancellationToken);
            var inserted = write ? await InsertAsync(target, cancellationToken) : 0;
            var held = new Dictionary<Guid, string>();
            foreach (var (key, payload) in await GrainStateCopy.DifferingAsync(target, cancellationToken))
            {
                var owner = rows.Read<ListingState>(StorageNames.Listings, payload)?.Owner;
                var id = Guid.Parse(key);
                if (owner is not null && owner != chunk.First(l => l.Id == id).Owner)
                {
                    held[id] = owner;
                }
            }

            await using var batch = new NpgsqlBatch(target, transaction);
            if (held.Count > 0)
            {
                var found = new NpgsqlBatchCommand(workspace.Sql("""
                    UPDATE {s}.prep_listings p SET found_owner = f.owner
                    FROM unnest($1::uuid[], $2::text[]) AS f(listing_id, owner)
                    WHERE p.listing_id = f.listing_id
                    """));
                found.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. held.Keys] });
                found.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. held.Values] });
                batch.BatchCommands.Add(found);
            }

            var from = after;
            after = chunk[^1].Id;
            if (write && run is not null)
            {
                var record = new NpgsqlBatchCommand(workspace.Sql("""
                    INSERT INTO pingactors_import.listings (listing_id, owner, created_at, run_id)
                    SELECT p.listing_id, coalesce(p.found_owner, p.owner), p.created_at, $3
                    FROM {s}.prep_listings p
                    WHERE p.listing_id > $1 AND p.listing_id <= $2
                    ON CONFLICT (listing_id) DO NOTHING
                    """));
                record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = from });
                record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = run.RunId });
                batch.BatchCommands.Add(record);
                run.Counts.Add("listings.inserted", inserted);
                run.Counts.Add("listings.found", chunk.Count - inserted);
                batch.BatchCommands.Add(RunStore.Checkpoint(run, after.ToString()));
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            created += inserted;
            done += chunk.Count;
            step.Report(done);
        }

        step.Complete(done);
        return created;
    }

    private static async Task<long> PendingAsync(NpgsqlConnection target, Workspace workspace, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(workspace.Sql("""
            SELECT count(*) FROM {s}.prep_listings p
            WHERE NOT EXISTS (SELECT 1 FROM pingactors_import.listings k WHERE k.listing_id = p.listing_id)
            """), target);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<(Guid Id, string Owner, DateTimeOffset CreatedAt)>> NextChunkAsync(
        NpgsqlConnection target, Workspace workspace, Guid after, int size, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(workspace.Sql("""
            SELECT p.listing_id, p.owner, p.created_at
            FROM {s}.prep_listings p
            WHERE p.listing_id > $1 AND NOT EXISTS (SELECT 1 FROM pingactors_import.listings k WHERE k.listing_id = p.listing_id)
            ORDER BY p.listing_id
            LIMIT $2
            """), target);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
        var chunk = new List<(Guid, string, DateTimeOffset)>(size);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunk.Add((reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return chunk;
    }

    private static async Task<long> InsertAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH inserted AS (
                INSERT INTO OrleansStorage ({GrainStateCopy.Columns}, ModifiedOn, Version)
                SELECT {GrainStateCopy.Columns}, now() AT TIME ZONE 'utc', 1 FROM import_grain_rows
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT count(*) FROM inserted
            """, target);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
