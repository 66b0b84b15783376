using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Chats;
using PingActors.Pings;
using PingActors.Users;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Whether cost grows with history: the median of sequential calls through the Orleans client into a new chat and
/// into the long chat, and from a new user and from the long-serving user.
/// </summary>
internal sealed class CostGrowthMeasure : IMeasure
{
    private const string ShortChatSender = "short-chat-sender";
    private const string NewUser = "new-user";
    private const string Message = "Hello, is this still available?";
    private const int Rounds = 10;

    public string Name => "cost";

    public async Task RunAsync(MeasureContext context)
    {
        var (plan, display, workload, grains) = (context.Plan, context.Display, context.Workload, context.Host.Client);
        display.Status(Invariant($"cost growth: posting into a chat of {plan.History:N0} messages and into a new one"));
        var fresh = (await grains.GetGrain<IUserGrain>(ShortChatSender).SendPingAsync(new SendPing(Guid.NewGuid(), workload.Listings[^1].Id, Message))).Ping!;
        var longChat = grains.GetGrain<IChatGrain>(context.History.LongChat);
        var shortChat = grains.GetGrain<IChatGrain>(fresh.ChatId);
        var (shortPosts, longPosts) = await InterleavedAsync(context,
            i => Post(shortChat, ShortChatSender, i),
            i => Post(longChat, SeededHistory.LongChatSender, i));

        display.Status(Invariant($"cost growth: pings by a user with {plan.History:N0} pings in history and by a new user"));
        var (newUser, longServing) = await InterleavedAsync(context,
            i => Ping(NewUser, workload.Listings[i % workload.Listings.Length].Id),
            i => Ping(SeededHistory.LongServingUser, workload.Listings[i % workload.Listings.Length].Id));

        CostRow[] rows =
        [
            new("post a message", "new chat", shortPosts.Milliseconds(50), Invariant($"chat of {plan.History:N0} messages"), longPosts.Milliseconds(50)),
            new("send a ping", "new user", newUser.Milliseconds(50), Invariant($"user with {plan.History:N0} pings"), longServing.Milliseconds(50)),
        ];
        foreach (var row in rows)
        {
            context.Report.Cost.Add(row);
            display.Row(new DisplayRow(Name, row.Operation,
                Invariant($"{row.SmallCase} {row.SmallP50:0.000} ms → {row.LargeCase} {row.LargeP50:0.000} ms ({row.Growth:+0.0%;-0.0%})"), 1));
        }

        async Task<SendOutcome> Post(IChatGrain chat, string author, int i) =>
            (await chat.PostMessageAsync(author, workload.AnyMessage(new Random(i)), null)).Outcome == PostMessageOutcome.Posted ? SendOutcome.Admitted : SendOutcome.Refused;

        async Task<SendOutcome> Ping(string sender, Guid listing) =>
            (await grains.GetGrain<IUserGrain>(sender).SendPingAsync(new SendPing(Guid.NewGuid(), listing, Message))).Outcome == SendPingOutcome.Sent
                ? SendOutcome.Admitted : SendOutcome.Refused;
    }

    /// <summary>Times two operations in alternating rounds, so drift in the machine affects both alike.</summary>
    private static async Task<(LoadResult Small, LoadResult Large)> InterleavedAsync(
        MeasureContext context, Func<int, Task<SendOutcome>> small, Func<int, Task<SendOutcome>> large)
    {
        // Both are called once first, with an index the measured calls do not use: activation and first-call costs
        // are not what is measured.
        var samples = context.Plan.CostSamples;
        await small(samples);
        await large(samples);
        LoadResult? smallRuns = null, largeRuns = null;
        for (var round = 0; round < Rounds; round++)
        {
            var count = samples / Rounds;
            var s = await Load.RunSequentialAsync(i => small(round * count + i), count);
            var l = await Load.RunSequentialAsync(i => large(round * count + i), count);
            smallRuns = smallRuns?.Merge(s) ?? s;
            largeRuns = largeRuns?.Merge(l) ?? l;
            context.Display.Progress((round + 1) / (double)Rounds);
        }

        return (smallRuns!, largeRuns!);
    }
}
