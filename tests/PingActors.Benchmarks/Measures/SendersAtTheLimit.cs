using PingActors.Benchmarks.Systems;
using PingActors.Users;

namespace PingActors.Benchmarks.Measures;

/// <summary>PingActors senders whose every ping is refused by the daily limit, in memory, as a sender's 51st of the day is.</summary>
internal static class SendersAtTheLimit
{
    /// <summary>Gives each sender a daily limit of one and spends it through <paramref name="system"/>.</summary>
    public static async Task PutAsync(MeasureContext context, IPingSystem system, IEnumerable<string> senders)
    {
        var random = new Random(1);
        foreach (var sender in senders)
        {
            await context.Host.Client.GetGrain<IUserGrain>(sender).SetDailyLimitAsync(1);
            if (await system.SendAsync(context.Workload.PickFor(sender, random)) != SendOutcome.Admitted)
            {
                throw new InvalidOperationException($"{system.Name}: {sender}'s one ping of the day was not admitted.");
            }
        }
    }
}
