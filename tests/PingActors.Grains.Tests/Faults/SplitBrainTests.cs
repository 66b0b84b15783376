using PingActors.Chats;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Storage;
using PingActors.Users;

namespace PingActors.Grains.Tests.Faults;

/// <summary>
/// Two activations of one grain at once (see <see cref="SplitBrainFixture"/>): the database's unique keys refuse
/// whatever the stale one tries, it deactivates, and a retry goes through a fresh activation. The limit and the
/// order hold exactly.
/// </summary>
public sealed class SplitBrainTests(SplitBrainFixture fixture) : IClassFixture<SplitBrainFixture>
{
    private const int Attempts = 50;

    private int _refusals;

    [Fact]
    public async Task SendPing_ThroughTwoActivationsOfOneSender_AdmitsExactlyTheDailyLimit()
    {
        var sender = $"sender-{Guid.NewGuid():N}"[..32];
        var owner = $"owner-{Guid.NewGuid():N}"[..32];
        var listings = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            var id = Guid.NewGuid();
            await fixture.Left.Client.GetGrain<IListingGrain>(id).RegisterAsync(owner, "A bike");
            return id;
        }));
        // Both activations exist before the load, each with its own view of the day (nothing sent yet).
        await Task.WhenAll(Side(0).GetGrain<IUserGrain>(sender).GetAllowanceAsync(), Side(1).GetGrain<IUserGrain>(sender).GetAllowanceAsync());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sends = listings.Select(async (listing, i) =>
        {
            await start.Task;
            var send = new SendPing(Guid.NewGuid(), listing, $"Attempt {i}");
            return await UntilAnsweredAsync(() => Side(i).GetGrain<IUserGrain>(sender).SendPingAsync(send));
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(sends);

        var admitted = results.Where(r => r.Outcome == SendPingOutcome.Sent).Select(r => r.Ping!.PingId).ToList();
        Assert.Equal(50, admitted.Count);
        Assert.Equal(50, results.Count(r => r.Outcome == SendPingOutcome.DailyLimitExceeded));
        Assert.Equal(admitted.Order(), await fixture.Database.ListAsync<Guid>("SELECT ping_id FROM pings WHERE sender = $1 ORDER BY ping_id", sender));
        Assert.Equal(Enumerable.Range(1, 50), await fixture.Database.ListAsync<int>("SELECT allowance_seq FROM pings WHERE sender = $1 ORDER BY 1", sender));
        Assert.True(_refusals > 0, "Both activations started from an empty day, so the database must have refused one of them.");
    }

    [Fact]
    public async Task PostMessage_ThroughTwoActivationsOfOneChat_TakesEachSeqOnceInOrder()
    {
        var sender = $"sender-{Guid.NewGuid():N}"[..32];
        var owner = $"owner-{Guid.NewGuid():N}"[..32];
        var listing = Guid.NewGuid();
        await fixture.Left.Client.GetGrain<IListingGrain>(listing).RegisterAsync(owner, "A bike");
        var ping = (await fixture.Left.Client.GetGrain<IUserGrain>(sender).SendPingAsync(new SendPing(Guid.NewGuid(), listing, "Hi"))).Ping!;
        await Task.WhenAll(Side(0).GetGrain<IChatGrain>(ping.ChatId).GetAsync(sender), Side(1).GetGrain<IChatGrain>(ping.ChatId).GetAsync(sender));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var posts = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await start.Task;
            var author = i % 3 == 0 ? owner : sender;
            var result = await UntilAnsweredAsync(() => Side(i).GetGrain<IChatGrain>(ping.ChatId).PostMessageAsync(author, $"Message {i}", $"m-{i}"));
            return (Text: $"Message {i}", result.Message!.Seq);
        }).ToList();
        start.SetResult();

        var answered = (await Task.WhenAll(posts)).OrderBy(p => p.Seq).ToList();
        Assert.Equal(Enumerable.Range(2, Attempts).Select(s => (long)s), answered.Select(p => p.Seq));
        var stored = await fixture.Database.ListAsync<string>("SELECT body FROM messages WHERE chat_id = $1 AND seq > 1 ORDER BY seq", ping.ChatId);
        Assert.Equal(answered.Select(p => p.Text), stored);
        Assert.True(_refusals > 0, "Both activations started at seq 1, so the database must have refused one of them.");
    }

    private IGrainFactory Side(int i) => i % 2 == 0 ? fixture.Left.Client : fixture.Right.Client;

    /// <summary>
    /// Sends again (same ids) while the database refuses what a stale activation tried, or the call reached an
    /// activation that was deactivating for that reason: the API's grain calls retry the same failures.
    /// </summary>
    private async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is StorageUnavailableException or OrleansMessageRejectionException && attempt < 20)
            {
                Interlocked.Increment(ref _refusals);
            }
        }
    }
}
