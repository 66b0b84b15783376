using System.Diagnostics;

namespace PingActors.LocalPostgres;

/// <summary>
/// What Linux's <c>/proc</c> says about PostgreSQL server processes. A killed process that nobody reaps stays
/// a zombie (pid 1 of a container often reaps nothing), and a zombie still answers <c>kill(pid, 0)</c>, which is
/// all PostgreSQL and a plain existence check look at; so "running" here means alive and not a zombie.
/// </summary>
internal static class ServerProcesses
{
    private const string ServerProgram = "postgres";

    /// <summary>Whether process <paramref name="pid"/> is a running PostgreSQL server process of <paramref name="dataDirectory"/>.</summary>
    /// <remarks>Where this cannot be told (no <c>/proc</c>, or a process of a user we may not inspect), it answers yes, so nothing is cleared that might be in use.</remarks>
    public static bool IsRunning(int pid, string dataDirectory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return IsAliveElsewhere(pid);
        }

        if (!IsAliveServer(pid))
        {
            return false;
        }

        return WorkingDirectory(pid) is not { } cwd || SamePath(cwd, dataDirectory);
    }

    /// <summary>The running server processes whose working directory is <paramref name="dataDirectory"/> (every server process works there).</summary>
    public static List<int> Of(string dataDirectory)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && IsAliveServer(pid)
                && WorkingDirectory(pid) is { } cwd && SamePath(cwd, dataDirectory))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>SIGKILL, as in a crash.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> runs any more; <see langword="false"/> if one still does at <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(IReadOnlyCollection<int> pids, string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Another process's end sends no signal to a non-parent, so this looks.
        var waited = Stopwatch.StartNew();
        while (pids.Any(pid => IsRunning(pid, dataDirectory)))
        {
            if (waited.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return true;
    }

    private static bool IsAliveServer(int pid)
    {
        try
        {
            // "pid (comm) S ...": the state follows the last ')', since comm may hold anything.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X' or 'x')
                && File.ReadAllText($"/proc/{pid}/comm").Trim() == ServerProgram;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // no such process
        }
    }

    private static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static bool IsAliveElsewhere(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
