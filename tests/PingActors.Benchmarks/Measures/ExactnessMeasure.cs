using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Users;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Whether a limit holds: concurrent pings from one fresh sender, each to a different listing, more of them than
/// the sender's daily limit; what each system admitted and what its database holds.
/// </summary>
internal sealed class ExactnessMeasure : IMeasure
{
    private const int Pings = 100;
    private const int Limit = 50;

    public string Name => "exactness";

    public async Task RunAsync(MeasureContext context)
    {
        foreach (var system in context.Systems)
        {
            var row = await MeasureAsync(context, system);
            context.Report.Exactness.Add(row);
            context.Display.Row(new DisplayRow(Name, row.System, $"{row.Admitted} of {row.Sent} admitted (limit {Limit})", Pings));
        }
    }

    private static async Task<ExactnessRow> MeasureAsync(MeasureContext context, IPingSystem system)
    {
        var sender = $"exact-{Guid.NewGuid():N}"[..24];
        context.Display.Status($"exactness: {system.Name}, {Pings} concurrent pings from {sender}");
        if (system.Name is SystemNames.Http or SystemNames.Orleans)
        {
            // The seed's cache and the legacy design give a new user 50 by default; PingActors' default is raised for this run, so set it back.
            await context.Host.Client.GetGrain<IUserGrain>(sender).SetDailyLimitAsync(Limit);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = context.Workload.Listings.Take(Pings).Select(async listing =>
        {
            await start.Task;
            return await system.SendAsync(new PingRequest(sender, listing.Id, listing.Owner, "Is this still available?"));
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(sends);
        var table = system.Name switch
        {
            SystemNames.Seed => "seed.pings WHERE sender_username",
            SystemNames.Legacy => "legacy.pings WHERE sender_username",
            _ => "public.pings WHERE sender",
        };
        var rows = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {table} = $1", sender);
        return new ExactnessRow(system.Name, Pings, outcomes.Count(o => o == SendOutcome.Admitted), rows);
    }
}
