using System.Globalization;

namespace PingActors.LocalPostgres;

/// <summary>Where the PostgreSQL server programs are: found through pg_config, the Debian layout, or PATH.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <param name="directory">Look only here (a non-standard install); otherwise search the usual places.</param>
    public static async Task<PostgresBinaries> FindAsync(string? directory, CancellationToken cancellationToken)
    {
        foreach (var candidate in directory is null ? await CandidatesAsync(cancellationToken) : [directory])
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return new PostgresBinaries(candidate);
            }
        }

        throw directory is null ? new PostgresNotInstalledException() : new PostgresNotInstalledException(directory);
    }

    private static async Task<List<string>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        try
        {
            var bindir = await Command.RunAsync("pg_config", ["--bindir"], runAs: null, cancellationToken);
            candidates.Add(bindir.Trim());
        }
        catch (Exception ex) when (ex is CommandFailedException or System.ComponentModel.Win32Exception)
        {
            // No pg_config (client packages only ship it on some systems); look further.
        }

        // Debian and Ubuntu keep each major version apart; prefer the newest.
        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates;
    }
}
