using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;

namespace PingActors.Insights;

/// <summary>
/// Refits the population model every <see cref="InsightOptions.RefitInterval"/> on the domain clock, in one silo at
/// a time (an advisory lock), from the insight sums alone: the answer-probability prior, the response-time model,
/// the Kaplan-Meier curves and the hour-of-week profile. A silo whose turn comes while the latest fit is younger
/// than the interval leaves it be, so several silos fit about once an interval between them. Each fit is stored
/// in <c>insight_fits</c> and notified on <see cref="Channel"/> with its id.
/// </summary>
public sealed partial class InsightRefitter(
    [FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database,
    InsightModelSource models,
    IOptions<InsightOptions> options,
    IOptions<PingOptions> pings,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<InsightRefitter> logger) : BackgroundService
{
    public const string Channel = "pingactors_insights";

    /// <summary>Held by the one silo fitting the model.</summary>
    public const long Lock = 0x50_41_15;

    /// <summary>How many fits are kept: the latest, and a few before it to compare with.</summary>
    private const int FitsKept = 20;

    private long _lastRound = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>The domain time at which this silo's last finished round (a fit, a skip or a failure) began; null before the first.</summary>
    public DateTimeOffset? LastRound => Interlocked.Read(ref _lastRound) is var ticks && ticks == DateTimeOffset.MinValue.UtcTicks ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RefitInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                var began = clock.GetUtcNow();
                try
                {
                    await RefitAsync(force: false, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRefitFailed(ex);
                }

                Interlocked.Exchange(ref _lastRound, began.UtcTicks);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Fits and stores the model, and returns it; null when another silo is fitting, or (unless
    /// <paramref name="force"/>) the latest fit is younger than the interval.
    /// </summary>
    public async Task<InsightModel?> RefitAsync(bool force, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLocks.TryLockAsync(connection, Lock, cancellationToken))
        {
            return null;
        }

        try
        {
            var now = clock.GetUtcNow();
            if (!force && await LatestFitAsync(connection, cancellationToken) is { } latest && now - latest < options.Value.RefitInterval)
            {
                return null;
            }

            var input = await InsightFitReader.ReadAsync(connection, OwnerFigures.SettledSince(now, pings.Value.Expiry), cancellationToken);
            var model = InsightFitter.Fit(input, options.Value, now);
            await using var store = new NpgsqlCommand("INSERT INTO insight_fits (fitted_at, model) VALUES ($1, $2::jsonb) RETURNING fit_id", connection);
            store.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(model, InsightModelSource.Json) });
            model = model with { Version = (long)(await store.ExecuteScalarAsync(cancellationToken))! };

            await using var tidy = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new($"DELETE FROM insight_fits WHERE fit_id <= {model.Version - FitsKept}"),
                    new("DELETE FROM insight_pending WHERE pending = 0"),
                    new($"SELECT pg_notify('{Channel}', '{model.Version}')"),
                },
            };
            await tidy.ExecuteNonQueryAsync(cancellationToken);
            models.Publish(model);
            LogRefitted(model.Version, model.Prior.Owners, model.Population.Pings);
            return model;
        }
        finally
        {
            await AdvisoryLocks.UnlockAsync(connection, Lock);
        }
    }

    private static async Task<DateTimeOffset?> LatestFitAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT max(fitted_at) FROM insight_fits", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refitted the insight model {Version}: prior from {Owners} owners, curves from {Pings} pings.")]
    private partial void LogRefitted(long version, int owners, long pings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An insight refit failed; the next one retries.")]
    private partial void LogRefitFailed(Exception exception);
}
