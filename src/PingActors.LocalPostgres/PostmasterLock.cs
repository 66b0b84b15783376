using System.Globalization;

namespace PingActors.LocalPostgres;

/// <summary>
/// The lock files of a PostgreSQL server: <c>postmaster.pid</c> in its data directory (pid, port, socket
/// folder) and <c>.s.PGSQL.&lt;port&gt;.lock</c> beside its Unix socket. A server that crashed leaves them
/// behind, and PostgreSQL refuses to start over a lock whose process still seems to exist, which a killed,
/// unreaped postmaster does. A start therefore clears a crashed server's leftovers first.
/// </summary>
internal sealed record PostmasterLock(int Pid, int? Port)
{
    private const string FileName = "postmaster.pid";

    /// <summary>The lock in <paramref name="dataDirectory"/>, if there is one that names its process.</summary>
    public static PostmasterLock? Read(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(dataDirectory, FileName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        // Line 1 is the pid, line 4 the port; a server that is still starting may not have written the port yet.
        if (lines.Length == 0 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        return new PostmasterLock(pid, lines.Length >= 4 && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null);
    }

    /// <summary>The port of the server running on <paramref name="dataDirectory"/>, if one is.</summary>
    public static int? RunningPort(string dataDirectory) =>
        Read(dataDirectory) is { } held && ServerProcesses.IsRunning(held.Pid, dataDirectory) ? held.Port : null;

    /// <summary>
    /// If the server that locked <paramref name="dataDirectory"/> is gone, ends whatever of its processes still
    /// run (they would keep the old shared memory and could write the old files) and removes its lock files from
    /// the data directory and <paramref name="socketDirectory"/>. Returns how many processes it ended, or
    /// <see langword="null"/> when there was nothing to clear.
    /// </summary>
    public static async Task<int?> ClearCrashedAsync(string dataDirectory, string socketDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataDirectory, FileName)) || !OperatingSystem.IsLinux())
        {
            return null; // without /proc a server's processes cannot be told apart; PostgreSQL's own checks decide
        }

        var leftovers = ServerProcesses.Of(dataDirectory);
        if (Read(dataDirectory) is not { } held ? leftovers.Count > 0 : ServerProcesses.IsRunning(held.Pid, dataDirectory))
        {
            return null; // a running server (or one still writing its lock) is joined, never cleared
        }

        foreach (var pid in leftovers)
        {
            ServerProcesses.Kill(pid);
        }

        if (!await ServerProcesses.WaitForExitAsync(leftovers, dataDirectory, TimeSpan.FromSeconds(30), cancellationToken))
        {
            throw new InvalidOperationException(
                $"Processes of the PostgreSQL server that crashed in {dataDirectory} ({string.Join(", ", leftovers)}) would not end.");
        }

        File.Delete(Path.Combine(dataDirectory, FileName));
        foreach (var socketLock in Directory.EnumerateFiles(socketDirectory, ".s.PGSQL.*.lock"))
        {
            if (!File.ReadLines(socketLock).Take(1).Any(line => int.TryParse(line, out var pid) && ServerProcesses.IsRunning(pid, dataDirectory)))
            {
                File.Delete(socketLock[..^".lock".Length]);
                File.Delete(socketLock);
            }
        }

        return leftovers.Count;
    }
}
