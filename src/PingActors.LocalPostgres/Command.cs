using System.Diagnostics;

namespace PingActors.LocalPostgres;

/// <summary>Runs a program to completion and returns what it printed.</summary>
internal static class Command
{
    /// <param name="runAs">A user to run the program as (through <c>runuser</c>, when this process is root), or <see langword="null"/>.</param>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? runAs, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is null)
        {
            start.FileName = program;
        }
        else
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CommandFailedException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new CommandFailedException(
                $"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
        }

        return await stdout;
    }
}

/// <summary>A program run by <see cref="Command"/> failed.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
