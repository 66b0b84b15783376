using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// A process of this benchmark's own program, stepped through its round by its output lines: a load generator
/// (<see cref="DriveCommand"/>), or the floor's host (<see cref="FloorHostCommand"/>).
/// </summary>
internal sealed class DriveProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _role;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private DriveProcess(Process process, string role)
    {
        _process = process;
        _role = role;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>Starts a load generator: this benchmark's own program with <c>drive</c> and <paramref name="arguments"/>.</summary>
    public static DriveProcess Start(IEnumerable<string> arguments) => Start("drive", "load generator", arguments);

    /// <summary>Starts this benchmark's own program with <paramref name="command"/> and <paramref name="arguments"/>.</summary>
    /// <param name="role">What the process is, for errors.</param>
    public static DriveProcess Start(string command, string role, IEnumerable<string> arguments)
    {
        var assembly = typeof(DriveProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (IEnumerable<string>)["exec", assembly, command, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return new DriveProcess(Process.Start(start) ?? throw new InvalidOperationException($"The {role} did not start."), role);
    }

    /// <summary>Waits until the process writes <paramref name="expected"/>; what it writes before is ignored.</summary>
    public async Task WaitForAsync(string expected, TimeSpan timeout) => await ReadUntilAsync(line => line == expected, timeout);

    /// <summary>Waits until the process writes a line <paramref name="wanted"/> accepts, and returns it; what it writes before is ignored.</summary>
    public Task<string> WaitForAsync(Func<string, bool> wanted, TimeSpan timeout) => ReadUntilAsync(wanted, timeout);

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The round's result, the process's last line.</summary>
    public async Task<DriveResult> ResultAsync(TimeSpan timeout)
    {
        var line = await ReadUntilAsync(line => line.StartsWith(DriveCommand.ResultPrefix, StringComparison.Ordinal), timeout);
        return JsonSerializer.Deserialize<DriveResult>(line[DriveCommand.ResultPrefix.Length..])!;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task<string> ReadUntilAsync(Func<string, bool> wanted, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
            {
                if (wanted(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The {_role} said nothing expected within {timeout}.{Errors()}");
        }

        throw new InvalidOperationException($"The {_role} ended early.{Errors()}");
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.Length == 0 ? "" : $" It wrote:{Environment.NewLine}{_errors}";
        }
    }
}
