using Npgsql;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The seed's own claims against the design it replaced, in the same run: the legacy design and the seed each
/// sending pings (the tier measure's rounds, run here if it did not run), sending them with their analytics
/// switched off, and refusing senders who are at their limit, every round counted by tier.
/// </summary>
internal sealed class LegacyClaimsMeasure : IMeasure
{
    public string Name => "claims";

    public async Task RunAsync(MeasureContext context)
    {
        if (!context.Plan.Systems.Contains("legacy") || !context.Plan.Systems.Contains("seed"))
        {
            return;
        }

        using var operations = new DatabaseOperations();
        var sampler = await TierSampler.CreateAsync(context.Database.Admin, operations);
        var database = context.Database;
        foreach (var system in (string[])[SystemNames.Legacy, SystemNames.Seed])
        {
            if (!context.Report.Tiers.Any(r => r.System == system && r.Variant.Length == 0))
            {
                await RunAsync(context, sampler, system, "");
            }
        }

        // Analytics off, then on again: the claim compares the round without them against the mean of the rounds
        // with them on either side, which cancels the drift of tables that grow from round to round.
        await database.ExecuteAsync("ALTER TABLE legacy.pings DISABLE TRIGGER pings_after_insert");
        try
        {
            await RunAsync(context, sampler, SystemNames.Legacy, TierVariants.AnalyticsOff);
        }
        finally
        {
            await database.ExecuteAsync("ALTER TABLE legacy.pings ENABLE TRIGGER pings_after_insert");
        }

        var analytics = await database.ScalarAsync<string>("SELECT pg_get_functiondef('seed.update_analytics_async(text, text, uuid)'::regprocedure)");
        await database.ExecuteAsync("""
            CREATE OR REPLACE FUNCTION seed.update_analytics_async(sender_username TEXT, receiver_username TEXT, ping_id UUID)
            RETURNS void AS $$ BEGIN END; $$ LANGUAGE plpgsql
            """);
        try
        {
            await RunAsync(context, sampler, SystemNames.Seed, TierVariants.AnalyticsOff);
        }
        finally
        {
            await database.ExecuteAsync(analytics);
        }

        await RunAsync(context, sampler, SystemNames.Legacy, TierVariants.AnalyticsOnAgain);
        await RunAsync(context, sampler, SystemNames.Seed, TierVariants.AnalyticsOnAgain);

        var (legacyPrefix, seedPrefix) = ($"legacy-over-{Guid.NewGuid():N}"[..20], $"seed-over-{Guid.NewGuid():N}"[..18]);
        var listing = context.Workload.Listings[0];

        // Senders at their limit in the refusal rounds, each with a day's 50 pings behind them. Through the legacy
        // design's own pool: its triggers resolve their tables through its search path.
        var limited = TierSenders.All(legacyPrefix, TierSenders.AtTheLimit);
        await using (var command = database.Legacy.CreateCommand("""
            INSERT INTO ping_limits (username, daily_limit) SELECT u, 50 FROM unnest($1::text[]) AS u;
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = limited });
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = database.Legacy.CreateCommand("""
            INSERT INTO pings (sender_username, receiver_username, listing_id, message)
            SELECT u, $2, $3, 'Is this still available?' FROM unnest($1::text[]) AS u CROSS JOIN generate_series(1, 50)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = limited });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = listing.Owner });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = listing.Id });
            await command.ExecuteNonQueryAsync();
        }

        await database.ExecuteAsync(
            "INSERT INTO seed.ping_limits_cache (username, daily_pings_sent, daily_pings_limit) SELECT u, 50, 50 FROM unnest($1::text[]) AS u",
            [TierSenders.All(seedPrefix, TierSenders.AtTheLimit)]);
        await RunAsync(context, sampler, SystemNames.Legacy, TierVariants.Refusals, (legacyPrefix, TierSenders.AtTheLimit));
        await RunAsync(context, sampler, SystemNames.Seed, TierVariants.Refusals, (seedPrefix, TierSenders.AtTheLimit));

        context.Report.Claims.AddRange(LegacyClaims.From(context.Report.Tiers));
    }

    private async Task RunAsync(MeasureContext context, TierSampler sampler, string system, string variant, (string, int)? senders = null) =>
        TierMeasure.Record(context, Name, await TierRound.RunAsync(context, sampler, system, variant, senders));
}
