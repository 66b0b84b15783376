using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Chats;
using PingActors.Platform;
using PingActors.References;
using PingActors.Storage;

namespace PingActors.Pings;

/// <summary>
/// Expires pings on time whether or not anyone reads them. Every sweep interval (on the domain clock) one silo,
/// whichever takes the sweeper lock, finds the pending pings past their time through the partial index on
/// <c>expires_at</c> and asks each one's chat grain to expire it: the chat grain stays the only authority on a
/// ping's status, and writes the expiry and its <c>ping.expired</c> event like any other change.
/// </summary>
/// <remarks>
/// After each sweep the sweeping silo notifies <see cref="Channel"/> with the sweep's time (round-trip format)
/// and how many pings it expired, e.g. <c>2026-11-28T10:00:00.0000000+00:00 3</c>.
/// </remarks>
public sealed partial class ExpirySweeper(
    [FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database,
    IGrainFactory grains,
    IOptions<PingOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    public const string Channel = "pingactors_expiry";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SweepInterval == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Expires every ping past its time; returns how many (0 as well when another silo is sweeping).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLocks.TryLockAsync(connection, AdvisoryLocks.Sweeper, cancellationToken))
        {
            return 0;
        }

        try
        {
            var now = clock.GetUtcNow();
            var expired = 0;
            while (true)
            {
                var chats = await DueChatsAsync(connection, now, cancellationToken);
                var outcomes = await Task.WhenAll(chats.Select(chat => grains.Reference<IChatGrain>(chat).ExpireDueAsync()));
                var count = outcomes.Count(done => done);
                expired += count;

                // A full batch that moved something may have more behind it; anything else is all there is now.
                if (count == 0 || chats.Count < options.Value.SweepBatchSize)
                {
                    break;
                }
            }

            PingActorsMetrics.RecordSweep(expired);
            if (expired > 0)
            {
                LogExpired(expired);
            }

            await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Channel });
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = FormattableString.Invariant($"{now:O} {expired}") });
            await notify.ExecuteNonQueryAsync(cancellationToken);
            return expired;
        }
        finally
        {
            await AdvisoryLocks.UnlockAsync(connection, AdvisoryLocks.Sweeper);
        }
    }

    private async Task<List<Guid>> DueChatsAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT chat_id FROM (
                SELECT chat_id FROM pings WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2) due
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.SweepBatchSize });
        var chats = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chats.Add(reader.GetGuid(0));
        }

        return chats;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} pings past their time.")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An expiry sweep failed; the next one retries.")]
    private partial void LogSweepFailed(Exception exception);
}
