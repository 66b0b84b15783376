using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PingActors.History;

namespace PingActors.Grains.Tests.Storage;

/// <summary>The busy share of the group-commit writer that background work reads to give way to pings.</summary>
public sealed class WritePathLoadTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Utilization_OfAnIdleWriter_IsZero()
    {
        var load = Load();

        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, load.Utilization);
    }

    [Fact]
    public void Utilization_IsTheShareOfTheLastSecondSpentWriting()
    {
        var load = Load();
        Write(load, TimeSpan.FromMilliseconds(100), times: 3, restBetween: TimeSpan.FromMilliseconds(100));

        Assert.Equal(0.3, load.Utilization, precision: 6);
    }

    [Fact]
    public void Utilization_CountsABatchStillWriting_ForAllOfTheLastSecondItTook()
    {
        var load = Load();
        _clock.Advance(TimeSpan.FromMilliseconds(700));

        using (load.Begin(1))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(600)); // across the turn of a second
            Assert.Equal(0.6, load.Utilization, precision: 6);
            _clock.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(1, load.Utilization);
        }
    }

    [Fact]
    public void Utilization_OfBackToBackWrites_IsOne_AndFallsAwayWhenTheyStop()
    {
        var load = Load();
        Write(load, TimeSpan.FromMilliseconds(50), times: 60, restBetween: TimeSpan.Zero);
        Assert.Equal(1, load.Utilization, precision: 6);

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.InRange(load.Utilization, 0.4, 0.6);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, load.Utilization);
    }

    [Fact]
    public void WritesPerSecond_CountsTheWritesOfTheBatchesCommittedInTheLastSecond()
    {
        var load = Load();
        Write(load, TimeSpan.FromMilliseconds(100), times: 10, restBetween: TimeSpan.Zero, writes: 20);
        Assert.Equal(200, load.WritesPerSecond, precision: 6);

        // A quarter second on, the last second holds eight of the batches (160 writes); the estimate is within one.
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.InRange(load.WritesPerSecond, 140, 180);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, load.WritesPerSecond);
    }

    [Fact]
    public void Utilization_IsSharedOverTheWritersSlots()
    {
        var load = Load(slots: 2);

        using (load.Begin(1))
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(0.5, load.Utilization, precision: 6);
        }
    }

    [Fact]
    public async Task NextBatchDone_CompletesWhenABatchEnds_NotWhenItBegins_AndEachWaitIsForTheNextOne()
    {
        var load = Load();
        var first = load.NextBatchDone();
        Assert.Same(first, load.NextBatchDone()); // nothing ended in between

        var writing = load.Begin(1);
        Assert.False(first.IsCompleted);
        writing.Dispose();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        var second = load.NextBatchDone();
        Assert.False(second.IsCompleted);
        using (load.Begin(2))
        {
        }

        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private WritePathLoad Load(int slots = 1) => new(_clock, Options.Create(new GroupCommitOptions { MaxConcurrentBatches = slots }));

    private void Write(WritePathLoad load, TimeSpan each, int times, TimeSpan restBetween, int writes = 1)
    {
        for (var i = 0; i < times; i++)
        {
            using (load.Begin(writes))
            {
                _clock.Advance(each);
            }

            _clock.Advance(restBetween);
        }
    }
}
