using System.Diagnostics;

namespace PingActors.Import.Benchmark;

/// <summary>The silo's import verb, run as operators run it: its own process, its output on this console.</summary>
internal static class SiloProcess
{
    /// <summary>
    /// Runs <c>PingActors.Silo import ...</c> against <paramref name="target"/>; returns its exit code, how long it
    /// took, and the steps its progress lines said it went through, with their seconds.
    /// </summary>
    public static async Task<(int ExitCode, TimeSpan Elapsed, IReadOnlyList<StepTime> Steps)> ImportAsync(string target, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
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
        var steps = new List<StepTime>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine(line);
            if (StepTime.Parse(line) is { } step)
            {
                steps.Add(step);
            }
        }

        await process.WaitForExitAsync();
        return (process.ExitCode, clock.Elapsed, steps);
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
