using System.Diagnostics;
using System.Text;

namespace PingActors.Import.Tests;

/// <summary>The silo's import verb in a process of its own, as an operator runs it: for a real kill.</summary>
internal sealed class SiloImport : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private SiloImport(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>PingActors.Silo import</c> against the PingActors database <paramref name="target"/>.</summary>
    public static SiloImport Start(string target, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloAssembly());
        start.ArgumentList.Add("import");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__Postgres"] = target;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return new SiloImport(Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo."));
    }

    /// <summary>SIGKILL: the process dies on the spot, as in a crash, with no chance to tidy up.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(expiry.Token);
        return _process.ExitCode;
    }

    /// <summary>Completes when the process prints <paramref name="text"/>; fails with its output if it exits or the time runs out first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _awaited.Add((text, seen));
        }

        using var expiry = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(expiry.Token);
        if (await Task.WhenAny(seen.Task, exited) != seen.Task)
        {
            throw new TimeoutException($"The import never printed '{text}'. Output:{Environment.NewLine}{Output}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

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

        throw new DirectoryNotFoundException("PingActors.sln is not above the test assembly.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var (text, seen) in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }
    }
}
