using PingActors.Import.Commands;
using PingActors.Import.Importing;
using Spectre.Console;

namespace PingActors.Import.Verifying;

public sealed class Verifier(ImportEnvironment environment)
{
    public Task<int> VerifyAsync(ImportOptions options, IAnsiConsole console, CancellationToken cancellationToken) => throw new NotSupportedException(environment.ToString());
}
