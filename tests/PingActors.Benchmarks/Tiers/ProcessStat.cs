using System.Globalization;

namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// A process's line of <c>/proc/&lt;pid&gt;/stat</c>: its parent and the CPU time it (and its children it has
/// waited for) used. Linux reports these times in USER_HZ ticks, a hundredth of a second on every architecture.
/// </summary>
internal readonly record struct ProcessStat(int Pid, int ParentPid, TimeSpan Own, TimeSpan WaitedChildren)
{
    private const double TicksPerSecond = 100;

    /// <summary>The process's stat, or null when it has gone (or there is no <c>/proc</c>).</summary>
    public static ProcessStat? Read(int pid) => ReadFile($"/proc/{pid}/stat", pid);

    /// <summary>A stat file of the same form (a thread's, <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/stat</c>), or null when it has gone.</summary>
    public static ProcessStat? ReadFile(string path, int id)
    {
        string line;
        try
        {
            line = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces; the fields after it are plain.
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessStat(id, Field(1), Ticks(11) + Ticks(12), Ticks(13) + Ticks(14));

        int Field(int index) => int.Parse(fields[index], CultureInfo.InvariantCulture);

        TimeSpan Ticks(int index) => TimeSpan.FromSeconds(long.Parse(fields[index], CultureInfo.InvariantCulture) / TicksPerSecond);
    }

    /// <summary>The CPU time <paramref name="pid"/> and its children it has waited for used so far; throws if it has gone.</summary>
    public static TimeSpan CpuOf(int pid) =>
        Read(pid) is { } stat ? stat.Own + stat.WaitedChildren : throw new InvalidOperationException($"Process {pid} has gone.");

    /// <summary>Every process's stat.</summary>
    public static IEnumerable<ProcessStat> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }
}
