using PingActors.Operations.Startup;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Operations;

/// <summary>
/// A bad setting stops the host at start-up, before it touches the database, with one line that names the key
/// (the line the program prints; <c>Processes/ConfigurationErrorTests</c> checks the real process and its exit code).
/// </summary>
public sealed class StartupValidationTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=1";

    [Theory]
    [InlineData("Cluster:Mode", "bogus")]
    [InlineData("Pings:DailyLimit", "-1")]
    [InlineData("Pings:ResetTimeZone", "Mars/Olympus_Mons")]
    [InlineData("GroupCommit:MaxBatchSize", "0")]
    [InlineData("Auth:SigningKey", "too-short")]
    [InlineData("Auth:DevTokens", "true")]
    public async Task BadSetting_StopsTheHostWithALineNamingTheKey(string key, string value)
    {
        var lines = await FailuresAsync("--environment=Production", $"--ConnectionStrings:Postgres={Unreachable}",
            "--Auth:SigningKey=a-signing-key-that-is-long-enough-for-hs256", $"--{key}={value}");

        Assert.Single(lines, line => line.StartsWith($"{key}: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingConnectionString_OutsideDevelopment_StopsTheHostNamingTheKey()
    {
        var lines = await FailuresAsync("--environment=Production", "--Auth:SigningKey=a-signing-key-that-is-long-enough-for-hs256");

        Assert.Single(lines, line => line.StartsWith("ConnectionStrings:Postgres: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevTokensOutsideDevelopment_WithTheOverride_PassTheChecks()
    {
        // Past the settings, the host goes on to the database, which is unreachable here: that failure is not a setting.
        var failure = await Record.ExceptionAsync(async () => await (await ApiApplication.BuildAsync(
        [
            .. FreePorts(),
            "--environment=Production", $"--ConnectionStrings:Postgres={Unreachable}", "--Auth:SigningKey=a-signing-key-that-is-long-enough-for-hs256",
            "--Auth:DevTokens=true", "--Auth:AllowDevTokensOutsideDevelopment=true",
        ])).DisposeAsync());

        Assert.IsType<Npgsql.NpgsqlException>(failure, exactMatch: false);
        Assert.Empty(ConfigurationErrors.Describe(failure));
    }

    /// <summary>The lines the program would print for the settings that stopped <see cref="ApiApplication.BuildAsync"/>.</summary>
    private static async Task<IReadOnlyList<string>> FailuresAsync(params string[] args)
    {
        var failure = await Record.ExceptionAsync(async () => await (await ApiApplication.BuildAsync([.. FreePorts(), .. args])).DisposeAsync());

        Assert.NotNull(failure);
        return ConfigurationErrors.Describe(failure);
    }

    /// <summary>Ports nobody holds: a server of the user's own may hold the defaults, and the host checks its ports first.</summary>
    private static string[] FreePorts() =>
    [
        "--urls=http://127.0.0.1:0",
        $"--Cluster:SiloPort={Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        $"--Cluster:GatewayPort={Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    ];
}
