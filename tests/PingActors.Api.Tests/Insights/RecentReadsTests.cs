using Microsoft.Extensions.Time.Testing;
using PingActors.Api.Insights;

namespace PingActors.Api.Tests.Insights;

/// <summary>The values behind insights reads, kept by key: read once, served from memory, replaced in the background once old.</summary>
public sealed class RecentReadsTests
{
    private static readonly TimeSpan _maxAge = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Get_OfAKeyReadBefore_ServesItWithoutReading()
    {
        var reads = new RecentReads<string, int>(_maxAge, 100, _clock);
        var calls = 0;

        Assert.Equal(1, await reads.GetAsync("a", _ => Task.FromResult(++calls), CancellationToken.None));
        _clock.Advance(_maxAge - TimeSpan.FromTicks(1));
        Assert.Equal(1, await reads.GetAsync("a", _ => Task.FromResult(++calls), CancellationToken.None));

        Assert.Equal((1, 1L), (calls, reads.Reads));
    }

    [Fact]
    public async Task Get_OfAnOldValue_ServesItAndReplacesItOnceOneReadInTheBackgroundEnds()
    {
        var reads = new RecentReads<string, int>(_maxAge, 100, _clock);
        await reads.GetAsync("a", _ => Task.FromResult(1), CancellationToken.None);
        _clock.Advance(_maxAge);
        var refresh = new TaskCompletionSource<int>();

        Assert.Equal(1, await reads.GetAsync("a", _ => refresh.Task, CancellationToken.None));
        Assert.Equal(1, await reads.GetAsync("a", _ => throw new InvalidOperationException("a second read while one runs"), CancellationToken.None));
        refresh.SetResult(2);

        Assert.Equal(2, await reads.GetAsync("a", _ => throw new InvalidOperationException("a read of a fresh value"), CancellationToken.None));
        Assert.Equal(2, reads.Reads);
    }

    [Fact]
    public async Task Get_AfterABackgroundReadFailed_KeepsTheOldValue_AndTheNextCallerReadsAgain()
    {
        var reads = new RecentReads<string, int>(_maxAge, 100, _clock);
        await reads.GetAsync("a", _ => Task.FromResult(1), CancellationToken.None);
        _clock.Advance(_maxAge);

        Assert.Equal(1, await reads.GetAsync("a", _ => Task.FromException<int>(new TimeoutException("the database is away")), CancellationToken.None));
        Assert.Equal(1, await reads.GetAsync("a", _ => Task.FromResult(3), CancellationToken.None));

        Assert.Equal(3, await reads.GetAsync("a", _ => Task.FromResult(4), CancellationToken.None));
        Assert.Equal(3, reads.Reads);
    }

    [Fact]
    public async Task Get_WithNoMaxAge_ReadsEveryTime()
    {
        var reads = new RecentReads<string, int>(TimeSpan.Zero, 100, _clock);
        var calls = 0;

        await reads.GetAsync("a", _ => Task.FromResult(++calls), CancellationToken.None);
        Assert.Equal(2, await reads.GetAsync("a", _ => Task.FromResult(++calls), CancellationToken.None));
    }

    [Fact]
    public async Task Get_PastTheCapacity_LetsTheLeastRecentlyServedGo()
    {
        var reads = new RecentReads<int, int>(_maxAge, 100, _clock);
        for (var key = 0; key <= 100; key++)
        {
            await reads.GetAsync(key, _ => Task.FromResult(key), CancellationToken.None);
        }

        var calls = 0;
        await reads.GetAsync(100, _ => Task.FromResult(++calls), CancellationToken.None);
        await reads.GetAsync(0, _ => Task.FromResult(++calls), CancellationToken.None);

        Assert.Equal(1, calls);
    }
}
