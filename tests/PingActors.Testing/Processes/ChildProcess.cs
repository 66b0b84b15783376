using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PingActors.Testing.Processes;

/// <summary>A program the test starts in its own process group, with its output kept for the failure message.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data is not null)
            {
                lock (_output)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

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

    /// <summary>What the process wrote to standard error alone (it is in <see cref="Output"/> too).</summary>
    public string Errors
    {
        get
        {
            lock (_output)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> through <c>setsid</c>, so the test can signal it and all its children at once.</summary>
    public static ChildProcess Start(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}."));
    }

    /// <summary>
    /// Starts a host with <paramref name="start"/>, which chooses its ports with <see cref="Repository.FreePort"/>,
    /// and waits until it prints <paramref name="started"/>. A port free when chosen can be bound by another process
    /// before the host binds it (a host another test starts, another test's <see cref="Repository.FreePort"/> probe);
    /// a host that exits because a port is in use is started again, on the ports the next call chooses, up to
    /// <paramref name="attempts"/> times. Any other failure is not retried. The process is the caller's once started.
    /// </summary>
    public static async Task<ChildProcess> StartListeningAsync(Func<ChildProcess> start, string started, TimeSpan timeout, int attempts = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var process = start();
            try
            {
                await process.WaitForOutputAsync(started, timeout);
                return process;
            }
            catch (TimeoutException) when (attempt < attempts && process.HasExited && StoppedForAPortInUse(process.Output))
            {
                process.Dispose();
            }
            catch
            {
                process.Dispose();
                throw;
            }
        }
    }

    // Kestrel's and the socket's "address already in use", or the hosts' own check ("Port in use: 5080 (Urls ...)").
    private static bool StoppedForAPortInUse(string output) =>
        output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || output.Contains("Port in use:", StringComparison.Ordinal)
        || output.Contains("Ports in use:", StringComparison.Ordinal);

    /// <summary>SIGKILL: the process dies on the spot, as in a crash.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>
    /// SIGTERM to the whole group (the way a service manager stops a program; unlike SIGINT it is not ignored
    /// when the tests themselves run in a background job), then waits for the exit.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        // "--" before the negative id: without it, kill may read "-<pgid>" as an option.
        using (var kill = Process.Start("kill", ["-s", "TERM", "--", "-" + _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    /// <summary>Waits for the process to end on its own and returns its exit code.</summary>
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
        if (await Task.WhenAny(seen.Task, exited) != seen.Task || !seen.Task.IsCompleted)
        {
            throw new TimeoutException($"The process never printed '{text}'. Output:{Environment.NewLine}{Output}");
        }
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
