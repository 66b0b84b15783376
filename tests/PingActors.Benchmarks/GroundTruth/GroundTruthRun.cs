using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Analytics;
using PingActors.Chats;
using PingActors.Insights;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Testing;
using PingActors.Users;

namespace PingActors.Benchmarks.GroundTruth;

/// <summary>
/// Runs a synthetic ground truth through PingActors: every planned action through the real grains, one at a time
/// at its own time on the domain clock, with the event workers, the expiry sweeper and the refits running as in
/// production. At the cutoff the insights are read for every owner; the held-out weeks then run, every ping is
/// left to settle, and the predictions are judged against what happened.
/// </summary>
public sealed class GroundTruthRun(GroundTruthPlan plan, string connectionString, Action<string>? status = null, Action<double>? progress = null)
{
    private static readonly TimeSpan _settleTimeout = TimeSpan.FromMinutes(5);

    public async Task<GroundTruthResult> RunAsync()
    {
        var started = Stopwatch.StartNew();
        var life = new PingOptions().Expiry;
        var world = TruthGenerator.Generate(plan, life);
        await using var host = await GroundTruthHost.StartAsync(connectionString, GroundTruthPlan.Start.AddHours(-1));
        var grains = host.Grains;
        status?.Invoke($"ground truth: {world.Owners.Count} owners, {world.Pings.Count} pings, {world.Actions.Count} actions");
        await Concurrently.ForEachAsync(world.Owners.SelectMany(o => o.Listings.Select(l => (o.Username, l))).ToList(), 32,
            listing => grains.GetGrain<IListingGrain>(listing.l).RegisterAsync(listing.Username, "A thing for sale"));

        var training = world.Actions.TakeWhile(a => a.At < plan.Cutoff).ToList();
        await PlayAsync(host, world, training, 0, world.Actions.Count);
        host.Clock.SetUtcNow(plan.Cutoff);
        await SettleAsync(host);
        status?.Invoke("ground truth: refitting and reading every owner's insights at the cutoff");
        var model = await host.Services.GetRequiredService<InsightRefitter>().RefitAsync(force: true)
            ?? throw new InvalidOperationException("The refit at the cutoff did not run.");
        var queries = host.Services.GetRequiredService<InsightQueries>();
        var predictions = new List<OwnerPrediction>();
        foreach (var owner in world.Owners)
        {
            var insights = await queries.GetOwnerAsync(owner.Username);
            predictions.Add(new OwnerPrediction(insights.Answer.Probability, insights.ResponseTime?.MedianMinutes, insights.Pings.Answered,
                insights.BestTime.Actions, insights.BestTime.Window.StartHour + (24 * Array.IndexOf(_days, insights.BestTime.Window.Day)), insights.BestTime.Window.Hours));
        }

        await PlayAsync(host, world, world.Actions.Skip(training.Count).ToList(), training.Count, world.Actions.Count);
        host.Clock.SetUtcNow(plan.End + life + TimeSpan.FromHours(2));
        await SettleAsync(host);

        var statuses = await StatusesAsync();
        var mismatches = world.Pings.Count(p => statuses.GetValueOrDefault(p.PingId) != p.Outcome);
        var owners = world.Owners.Select((o, i) => (o.Username, i)).ToDictionary(o => o.Username, o => o.i);
        var heldOut = world.Pings
            .Where(p => p.SentAt >= plan.Cutoff && statuses.GetValueOrDefault(p.PingId) is "responded" or "declined" or "expired")
            .Select(p => (p.Owner, statuses[p.PingId] == "responded"))
            .ToList();
        return GroundTruthEvaluation.Evaluate(plan, world.Owners, predictions, heldOut, model.PooledRate ?? double.NaN, life,
            world.Pings.Count, world.Actions.Count, mismatches, started.Elapsed);
    }

    private static readonly string[] _days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Plays <paramref name="actions"/> in order, each at its own time.</summary>
    private async Task PlayAsync(GroundTruthHost host, SyntheticWorld world, List<SimulatedAction> actions, int before, int total)
    {
        var grains = host.Grains;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (action.At > host.Clock.GetUtcNow())
            {
                host.Clock.SetUtcNow(action.At);
            }

            var ping = action.Ping;
            var owner = world.Owners[ping.Owner].Username;
            var chat = grains.GetGrain<IChatGrain>(ChatId.For(ping.ListingId, ping.Sender));
            var done = action.Kind switch
            {
                ActionKind.Send => (await grains.GetGrain<IUserGrain>(ping.Sender).SendPingAsync(new SendPing(ping.PingId, ping.ListingId, "Is it still for sale?"))).Outcome == SendPingOutcome.Sent,
                ActionKind.Respond => (await chat.RespondAsync(owner, ping.PingId, "Yes, it is.")).Outcome == PingActionOutcome.Done,
                ActionKind.Decline => (await chat.DeclineAsync(owner, ping.PingId)).Outcome == PingActionOutcome.Done,
                ActionKind.Withdraw => (await chat.WithdrawAsync(ping.Sender, ping.PingId)).Outcome == PingActionOutcome.Done,
                _ => (await chat.PostMessageAsync(owner, "Anything else I can tell you?", null)).Outcome == PostMessageOutcome.Posted,
            };
            if (!done)
            {
                throw new InvalidOperationException($"The simulation's {action.Kind} of ping {ping.PingId} at {action.At:O} did not go through.");
            }

            if (i % 500 == 0)
            {
                progress?.Invoke((before + i) / (double)total);
            }
        }
    }

    /// <summary>Waits until every ping due by now has expired and the workers have applied every event.</summary>
    private async Task SettleAsync(GroundTruthHost host)
    {
        await using var signals = await DatabaseSignals.ListenAsync(connectionString, AnalyticsProcessor.Channel, ExpirySweeper.Channel);
        await using var database = NpgsqlDataSource.Create(connectionString);
        await signals.UntilAsync(async () =>
        {
            await host.Sweeper.SweepAsync(CancellationToken.None);
            await using var command = database.CreateCommand("""
                SELECT (SELECT count(*) FROM pings WHERE status = 'pending' AND expires_at <= $1) + (SELECT count(*) FROM unprocessed_events)
                """);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = host.Clock.GetUtcNow() });
            return (long)(await command.ExecuteScalarAsync())! == 0;
        }, _settleTimeout, "the sweeper and the event workers to settle");
    }

    private async Task<Dictionary<Guid, string>> StatusesAsync()
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand("SELECT ping_id, status FROM pings");
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<Guid, string>();
        while (await reader.ReadAsync())
        {
            statuses[reader.GetGuid(0)] = reader.GetString(1);
        }

        return statuses;
    }
}
