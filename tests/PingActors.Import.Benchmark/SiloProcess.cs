using System.Diagnostics;

namespace PingActors.Import.Benchmark;

/// <summary>The silo's import verb, run as operators run it: its own process, its output on this console.</summary>
internal static class SiloProcess
{
    /// <summary>Runs <c>PingActors.Silo import ...</c> against <paramref name="target"/>; returns its exit code and how long it took.</summary>
    public static async Task<(int ExitCode, TimeSpan Elapsed)> ImportAsync(string target, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(SiloAssembly());
        start.ArgumentList.Add("import");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Postgres"] = target;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo.");
        await process.WaitForExitAsync();
        return (process.ExitCode, clock.Elapsed);
    }

    /// <summary>The silo built beside this tool (same configuration).</summary>
    private static string SiloAssembly()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PingActors.sln")))
            {
                return Path.Combine(dir.FullName, "src", "PingActors.Silo", "bin", configuration, "net10.0", "PingActors.Silo.dll");
            }
        }

        throw new DirectoryNotFoundException("PingActors.sln is not above the benchmark.");
    }
}
