using PingActors.Benchmarks.Tiers;

namespace PingActors.Benchmarks.Tests;

/// <summary>How a tier round's .NET CPU is split by the threads that spent it.</summary>
public sealed class HostThreadsTests
{
    [Theory]
    [InlineData(".NET Server GC", nameof(ThreadRole.GarbageCollector))]
    [InlineData(".NET BGC", nameof(ThreadRole.GarbageCollector))]
    [InlineData(".NET TP Worker", nameof(ThreadRole.ThreadPool))]
    [InlineData(".NET Sockets", nameof(ThreadRole.Sockets))]
    [InlineData(".NET Tiered Com", nameof(ThreadRole.Compiler))]
    [InlineData("Orleans.Runtime", nameof(ThreadRole.Orleans))]
    [InlineData("OpenTelemetry-P", nameof(ThreadRole.Metrics))]
    [InlineData(".NET Counter Po", nameof(ThreadRole.Metrics))]
    [InlineData(".NET Timer", nameof(ThreadRole.Other))]
    [InlineData("dotnet", nameof(ThreadRole.Other))]
    public void RoleOf_ReadsTheNameTheRuntimeGivesAThread(string name, string role) => Assert.Equal(role, HostThreads.RoleOf(name).ToString());

    [Fact]
    public void Between_CountsEachLiveThreadSinceBefore_ANewOneWhole_AndTheRestAsEnded()
    {
        var before = Sample(gen0: 10, gen1: 4, gen2: 1, pauseMs: 100, (1, ThreadRole.GarbageCollector, 500), (2, ThreadRole.ThreadPool, 300), (3, ThreadRole.ThreadPool, 50));
        // Thread 3 ended; thread 4 started and used 20 ms; thread 1 used 100 ms more, thread 2 400 ms more.
        var after = Sample(gen0: 30, gen1: 6, gen2: 1, pauseMs: 140, (1, ThreadRole.GarbageCollector, 600), (2, ThreadRole.ThreadPool, 700), (4, ThreadRole.ThreadPool, 20));

        var split = HostThreads.Between(before, after, process: TimeSpan.FromMilliseconds(600), operations: 1000);

        Assert.Equal(100, split.Micros[ThreadRole.GarbageCollector], 6);
        Assert.Equal(420, split.Micros[ThreadRole.ThreadPool], 6);
        Assert.Equal(80, split.Micros[ThreadRole.Ended], 6);
        Assert.Equal(0, split.Micros[ThreadRole.Sockets]);
        Assert.Equal(600, split.Micros.Values.Sum(), 6);
        Assert.Equal((20.0, 2.0, 0.0, 40.0), (split.Gen0PerThousand, split.Gen1PerThousand, split.Gen2PerThousand, split.PauseMicros));
    }

    [Fact]
    public void Between_NeverPutsTheEndedThreadsBelowZero()
    {
        // Each thread's time is counted in ticks: the live threads may add up to a tick or two more than the process.
        var before = Sample(0, 0, 0, 0, (1, ThreadRole.ThreadPool, 0));
        var after = Sample(0, 0, 0, 0, (1, ThreadRole.ThreadPool, 110));

        var split = HostThreads.Between(before, after, TimeSpan.FromMilliseconds(100), 10);

        Assert.Equal(0, split.Micros[ThreadRole.Ended]);
        Assert.Equal(11_000, split.Micros[ThreadRole.ThreadPool], 6);
    }

    [Fact]
    public void Take_FindsThisProcessThreads_WithTheirCpu()
    {
        var threads = HostThreads.Take();

        Assert.Contains(threads.Threads.Values, thread => thread.Role == ThreadRole.ThreadPool || thread.Role == ThreadRole.Other);
        Assert.Contains(Environment.ProcessId, threads.Threads.Keys); // the main thread's id is the process's
        Assert.True(threads.Threads.Values.Sum(thread => thread.Cpu.TotalMilliseconds) > 0);
    }

    private static HostThreads Sample(int gen0, int gen1, int gen2, int pauseMs, params (int Tid, ThreadRole Role, int CpuMs)[] threads) =>
        new(threads.ToDictionary(t => t.Tid, t => (t.Role, TimeSpan.FromMilliseconds(t.CpuMs))), gen0, gen1, gen2, TimeSpan.FromMilliseconds(pauseMs));
}
