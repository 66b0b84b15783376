using System.Diagnostics;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Chats;
using PingActors.Users;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The whole process's memory (silo, API host and benchmark) once the plan's user grains and chat grains are
/// active, each chat with a message of history to read.
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
        var row = new MemoryRow(users.Count, chats.Count, activations, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
        context.Report.Memory = row;
        display.Row(new DisplayRow(Name, SystemNames.Orleans, Invariant($"{row.WorkingSetBytes / 1048576.0:N0} MiB")));
    }
}
