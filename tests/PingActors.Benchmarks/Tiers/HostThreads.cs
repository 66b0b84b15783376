using System.Globalization;

namespace PingActors.Benchmarks.Tiers;

/// <summary>What a thread of the PingActors host does, as its name says (the runtime names its own threads).</summary>
internal enum ThreadRole
{
    /// <summary>The server garbage collector's threads (<c>.NET Server GC</c>, <c>.NET BGC</c>).</summary>
    GarbageCollector,

    /// <summary>The thread pool's workers (<c>.NET TP Worker</c>): requests, grain turns, Npgsql's continuations.</summary>
    ThreadPool,

    /// <summary>The socket engine's event loop (<c>.NET Sockets</c>).</summary>
    Sockets,

    /// <summary>The tiered compiler's background thread (<c>.NET Tiered Com…</c>).</summary>
    Compiler,

    /// <summary>Threads Orleans starts itself (<c>Orleans.Runtime</c>).</summary>
    Orleans,

    /// <summary>The metric readers: OpenTelemetry's periodic reader, the runtime's counter poller.</summary>
    Metrics,

    /// <summary>Every other live thread: timers, the finalizer, the console logger, the main thread.</summary>
    Other,

    /// <summary>Threads that ended during the round (idle thread-pool workers retire): the process's CPU the live threads do not account for.</summary>
    Ended,
}

/// <summary>
/// The CPU time each of this process's threads has used (<c>/proc/self/task</c>), by <see cref="ThreadRole"/>, and the
/// garbage collector's collection counts and pause time so far: what a tier round's .NET CPU is split by.
/// </summary>
internal sealed record HostThreads(IReadOnlyDictionary<int, (ThreadRole Role, TimeSpan Cpu)> Threads, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    public static HostThreads Take()
    {
        var threads = new Dictionary<int, (ThreadRole, TimeSpan)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                && ProcessStat.ReadFile(Path.Combine(directory, "stat"), tid) is { } stat && Name(directory) is { } name)
            {
                threads[tid] = (RoleOf(name), stat.Own);
            }
        }

        return new HostThreads(threads, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    /// <summary>The role of a thread named <paramref name="name"/> (Linux keeps the first 15 bytes of a name).</summary>
    public static ThreadRole RoleOf(string name) => name switch
    {
        _ when name.StartsWith(".NET Server GC", StringComparison.Ordinal) || name.StartsWith(".NET BGC", StringComparison.Ordinal) => ThreadRole.GarbageCollector,
        _ when name.StartsWith(".NET TP Worker", StringComparison.Ordinal) => ThreadRole.ThreadPool,
        _ when name.StartsWith(".NET Sockets", StringComparison.Ordinal) => ThreadRole.Sockets,
        _ when name.StartsWith(".NET Tiered Com", StringComparison.Ordinal) => ThreadRole.Compiler,
        _ when name.StartsWith("Orleans", StringComparison.Ordinal) => ThreadRole.Orleans,
        _ when name.StartsWith("OpenTelemetry", StringComparison.Ordinal) || name.StartsWith(".NET Counter Po", StringComparison.Ordinal) => ThreadRole.Metrics,
        _ => ThreadRole.Other,
    };

    /// <summary>
    /// What the round between <paramref name="before"/> and <paramref name="after"/> cost per operation, by role:
    /// each live thread's CPU since <paramref name="before"/> (all of it for a thread started since), and what the
    /// process used (<paramref name="process"/>) beyond that as <see cref="ThreadRole.Ended"/>.
    /// </summary>
    public static DotnetSplit Between(HostThreads before, HostThreads after, TimeSpan process, long operations)
    {
        var micros = Enum.GetValues<ThreadRole>().ToDictionary(role => role, _ => 0.0);
        foreach (var (tid, (role, cpu)) in after.Threads)
        {
            var earlier = before.Threads.TryGetValue(tid, out var then) && then.Role == role ? then.Cpu : TimeSpan.Zero;
            micros[role] += (cpu - earlier).TotalMicroseconds;
        }

        micros[ThreadRole.Ended] = Math.Max(0, process.TotalMicroseconds - micros.Values.Sum());
        return new DotnetSplit(
            micros.ToDictionary(pair => pair.Key, pair => pair.Value / operations),
            Gen0PerThousand: 1000.0 * (after.Gen0 - before.Gen0) / operations,
            Gen1PerThousand: 1000.0 * (after.Gen1 - before.Gen1) / operations,
            Gen2PerThousand: 1000.0 * (after.Gen2 - before.Gen2) / operations,
            PauseMicros: (after.GcPause - before.GcPause).TotalMicroseconds / operations);
    }

    private static string? Name(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n');
        }
        catch (IOException)
        {
            return null; // the thread ended meanwhile
        }
    }
}
