using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;
using PingActors.Chats;
using PingActors.Users;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The whole process's memory (silo, API host and benchmark) once the plan's user grains and chat grains are
/// active, each chat with a message of history to read; then what the process and PostgreSQL spend a second
/// holding them with nothing sent (the silo's timers and statistics, the Dashboard, the workers polling an empty
/// outbox): the fixed cost a node carries before its first ping.
/// </summary>
internal sealed class MemoryMeasure : IMeasure
{
    public string Name => "memory";

    public async Task RunAsync(MeasureContext context)
    {
        var (display, grains) = (context.Display, context.Host.Client);
        var users = context.Workload.Users.Take(context.Plan.MemoryGrains).ToList();
        var chats = context.History.MemoryChats;
        display.Status(Invariant($"memory: activating {users.Count:N0} user grains"));
        await Concurrently.ForEachAsync(users, 128, user => grains.GetGrain<IUserGrain>(user).GetAllowanceAsync(), display.Progress);
        display.Status(Invariant($"memory: activating {chats.Count:N0} chat grains (each reads its chat and its read cursors)"));
        await Concurrently.ForEachAsync(chats, 128, chat => grains.GetGrain<IChatGrain>(chat.ChatId).GetAsync(chat.Owner), display.Progress);

        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        var (workingSet, heap, committed) = (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes);

        // The collector keeps free room it has committed (100-250 MB of it in these runs, varying from run to run);
        // an aggressive collection gives it back, which leaves what holding the grains takes.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        var trimmed = process.WorkingSet64;

        display.Status(Invariant($"memory: idle, holding {activations:N0} activations"));
        var idle = await IdleAsync(context);
        var row = new MemoryRow(users.Count, chats.Count, activations, workingSet, heap, committed, trimmed, idle);
        context.Report.Memory = row;
        display.Row(new DisplayRow(Name, SystemNames.Orleans, Invariant($"{row.WorkingSetBytes / 1048576.0:N0} MiB ({row.TrimmedWorkingSetBytes / 1048576.0:N0} MiB trimmed)"),
            Note: Invariant($"idle: .NET {idle.DotnetMsPerSecond:N1} ms/s, PostgreSQL {idle.PostgresMsPerSecond:N1} ms/s")));
    }

    /// <summary>
    /// The CPU the process (silo, API host, and the benchmark waiting) and PostgreSQL use a second while nothing is
    /// sent, once the workers have applied every waiting event and the compiler has settled.
    /// </summary>
    private static async Task<IdleCost> IdleAsync(MeasureContext context)
    {
        await new AnalyticsWorkers(context.Host.SiloServices.GetRequiredService<AnalyticsProcessor>(), context).DrainAsync(count: false);
        await JitSettling.WaitAsync(context.Plan.SettleLimit);
        var postgres = await PostgresCpu.OfAsync(context.Database.Admin);
        var (dotnet, database, clock) = (ProcessStat.CpuOf(Environment.ProcessId), postgres?.Read(), Stopwatch.StartNew());
        // The measured window: idle is real time passing with nothing sent, like a throughput round's duration.
        await Task.Delay(context.Plan.Duration);
        var seconds = clock.Elapsed.TotalSeconds;
        return new IdleCost(
            seconds,
            (ProcessStat.CpuOf(Environment.ProcessId) - dotnet).TotalMilliseconds / seconds,
            postgres?.Read() - database is { } used ? used.TotalMilliseconds / seconds : null);
    }
}
