using PingActors.Import.Commands;
using PingActors.Import.Importing;
using Spectre.Console;

namespace PingActors.Import.Planning;

public sealed class Planner(ImportEnvironment environment)
{
    public Task PlanAsync(ImportOptions options, IAnsiConsole console, CancellationToken cancellationToken) => throw new NotSupportedException(environment.ToString());
}
