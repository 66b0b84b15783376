using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace PingActors.Benchmarks.Tiers;

/// <summary>A load generator in its own process (<see cref="DriveCommand"/>), stepped through its round by its output lines.</summary>
internal sealed class DriveProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private DriveProcess(Process process)
    {
        _process = process;
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

    /// <summary>Starts this benchmark's own program with <c>drive</c> and <paramref name="arguments"/>.</summary>
    public static DriveProcess Start(IEnumerable<string> arguments)
    {
        var assembly = typeof(DriveProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (IEnumerable<string>)["exec", assembly, "drive", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return new DriveProcess(Process.Start(start) ?? throw new InvalidOperationException("The load generator did not start."));
    }

    /// <summary>Waits until the process writes <paramref name="expected"/>; what it writes before is ignored.</summary>
    public async Task WaitForAsync(string expected, TimeSpan timeout) => await ReadUntilAsync(line => line == expected, timeout);

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
            throw new TimeoutException($"The load generator said nothing expected within {timeout}.{Errors()}");
        }

        throw new InvalidOperationException($"The load generator ended early.{Errors()}");
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.Length == 0 ? "" : $" It wrote:{Environment.NewLine}{_errors}";
        }
    }
}
