using PingActors.Testing.Processes;

namespace PingActors.Import.Tests;

/// <summary>The silo's import verb in a process of its own, as an operator runs it: for a real kill.</summary>
internal static class SiloImport
{
    /// <summary>Starts <c>PingActors.Silo import</c> against the PingActors database <paramref name="target"/>.</summary>
    public static ChildProcess Start(string target, IEnumerable<string> arguments) =>
        ChildProcess.Start("dotnet", [Repository.HostAssembly("PingActors.Silo"), "import", .. arguments], Repository.Root, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = target,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        });
}
