using Microsoft.Extensions.Options;

namespace PingActors.Operations.Startup;

/// <summary>
/// A host that stops on bad settings says which, one line per bad key (<c>Auth:SigningKey: must be ...</c>) on
/// standard error, and exits with 1: a configuration mistake is the operator's to fix, not a crash with a stack
/// trace and a core dump (an unhandled exception aborts the process, exit 134). A port it cannot listen on is
/// such a mistake too (<see cref="ListeningPorts"/>): one line that names it.
/// </summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 1;

    /// <summary>
    /// Runs a host's program; if it stops because a setting is bad, writes one line per bad key to standard
    /// error and returns <see cref="ExitCode"/>. Any other failure goes on as it was.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> program)
    {
        try
        {
            return await program();
        }
        catch (Exception exception) when (Describe(exception) is { Count: > 0 } lines)
        {
            foreach (var line in lines)
            {
                await Console.Error.WriteLineAsync(line);
            }

            return ExitCode;
        }
    }

    /// <summary>
    /// The bad settings an exception reports, one line each; empty when it is about something else. Start-up
    /// validation throws one <see cref="OptionsValidationException"/> per options type, several together in an
    /// <see cref="AggregateException"/>; Orleans reports its own options with an <see cref="OrleansConfigurationException"/>;
    /// a port in use is a <see cref="PortInUseException"/> from the check before start-up, or Kestrel's own
    /// <see cref="IOException"/> if another process took the port after that check.
    /// </summary>
    public static IReadOnlyList<string> Describe(Exception exception)
    {
        var failures = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        if (!failures.All(failure => failure is OptionsValidationException or OrleansConfigurationException or PortInUseException || IsAddressInUse(failure)))
        {
            return [];
        }

        return [.. failures.SelectMany(failure => failure is OptionsValidationException options ? options.Failures : [failure.Message])
            .Select(line => line.ReplaceLineEndings(" ")).Distinct()];
    }

    // "Failed to bind to address http://127.0.0.1:5080: address already in use."
    private static bool IsAddressInUse(Exception failure) =>
        failure is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException };
}
