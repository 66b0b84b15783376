using System.Globalization;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>A host started with bad settings exits with 1 and one line per bad key on standard error: no crash, no stack trace.</summary>
public sealed class ConfigurationErrorTests
{
    private static readonly TimeSpan _exitTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Api_InProductionWithoutASigningKey_ExitsWith1NamingTheKey()
    {
        using var api = Start("PingActors.Api", []);

        var exitCode = await api.WaitForExitAsync(_exitTimeout);

        AssertRefused(api, exitCode, "Auth:SigningKey: must be set to at least 32 bytes");
    }

    [Theory]
    [InlineData("PingActors.Api")]
    [InlineData("PingActors.Silo")]
    public async Task Host_WithSeveralBadSettings_ExitsWith1AndOneLinePerBadKey(string host)
    {
        using var process = Start(host, new()
        {
            ["Auth__SigningKey"] = "too-short",
            ["Pings__DailyLimit"] = "-1",
            ["GroupCommit__MaxBatchSize"] = "0",
            ["Analytics__BatchSize"] = "0",
        });

        var exitCode = await process.WaitForExitAsync(_exitTimeout);

        string[] keys = host == "PingActors.Api"
            ? ["Pings:DailyLimit: ", "GroupCommit:MaxBatchSize: ", "Analytics:BatchSize: ", "Auth:SigningKey: "]
            : ["Pings:DailyLimit: ", "GroupCommit:MaxBatchSize: ", "Analytics:BatchSize: "];
        AssertRefused(process, exitCode, keys);
    }

    [Theory]
    [InlineData("PingActors.Api")]
    [InlineData("PingActors.Silo")]
    public async Task Host_WithBadClusterSettings_ExitsWith1NamingEachKey(string host)
    {
        using var process = Start(host, new() { ["Cluster__SiloPort"] = "0", ["Cluster__DashboardCounterIntervalMs"] = "500" });

        var exitCode = await process.WaitForExitAsync(_exitTimeout);

        AssertRefused(process, exitCode, "Cluster:SiloPort: ", "Cluster:DashboardCounterIntervalMs: ");
    }

    [Theory]
    [InlineData("PingActors.Api")]
    [InlineData("PingActors.Silo")]
    public async Task Host_WithBadTelemetrySettings_ExitsWith1NamingEachKey(string host)
    {
        using var process = Start(host, new() { ["Telemetry__TraceSampleRatio"] = "1.5", ["Telemetry__MetricCardinalityLimit"] = "0" });

        var exitCode = await process.WaitForExitAsync(_exitTimeout);

        AssertRefused(process, exitCode, "Telemetry:TraceSampleRatio: ", "Telemetry:MetricCardinalityLimit: ");
    }

    [Fact]
    public async Task Silo_WithoutAConnectionString_ExitsWith1NamingTheKey()
    {
        using var silo = Start("PingActors.Silo", new() { ["ConnectionStrings__Postgres"] = "" });

        var exitCode = await silo.WaitForExitAsync(_exitTimeout);

        AssertRefused(silo, exitCode, "ConnectionStrings:Postgres: is not set");
    }

    /// <summary>Starts a built host in Production, with a database it never reaches (settings are checked first).</summary>
    internal static ChildProcess Start(string host, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{Repository.FreePort().ToString(CultureInfo.InvariantCulture)}",
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=1",
            ["Cluster__SiloPort"] = Repository.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = Repository.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return ChildProcess.Start("dotnet", [Repository.HostAssembly(host)], Repository.Root, environment);
    }

    /// <summary>Exit code 1, and standard error is exactly one line per expected key, in any order.</summary>
    internal static void AssertRefused(ChildProcess process, int exitCode, params string[] lineStarts)
    {
        var lines = process.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 1, $"exit code {exitCode}; output:{Environment.NewLine}{process.Output}");
        Assert.Equal(lineStarts.Length, lines.Length);
        foreach (var start in lineStarts)
        {
            Assert.Single(lines, line => line.StartsWith(start, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }
}
