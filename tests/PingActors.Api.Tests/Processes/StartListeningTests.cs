using System.Globalization;
using System.Net;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// The tests' hosts listen on ports <see cref="Repository.FreePort"/> found free; another process may bind one
/// first. <see cref="ChildProcess.StartListeningAsync"/> starts such a host again on fresh ports, and only then.
/// </summary>
public sealed class StartListeningTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AHostWhosePortWasTaken_IsStartedAgainOnAFreshPort_AndServes()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var holder = PortInUseTests.Hold(out var taken);
        var ports = new List<int>();

        using var api = await ChildProcess.StartListeningAsync(() =>
        {
            ports.Add(ports.Count == 0 ? taken : Repository.FreePort());
            return ConfigurationErrorTests.Start("PingActors.Api", new()
            {
                ["Urls"] = $"http://127.0.0.1:{Text(ports[^1])}",
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["Auth__SigningKey"] = ApiFixture.SigningKey,
            });
        }, "Application started", _timeout);

        Assert.Equal(2, ports.Count);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Text(ports[1])}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        await api.StopAsync(_timeout);
    }

    [Fact]
    public async Task AHostWhosePortsAreTakenEveryTime_IsGivenUpAfterTheAttempts_SayingWhy()
    {
        using var holder = PortInUseTests.Hold(out var taken);
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => ChildProcess.StartListeningAsync(() =>
        {
            attempts++;
            return ConfigurationErrorTests.Start("PingActors.Api", new() { ["Urls"] = $"http://127.0.0.1:{Text(taken)}" });
        }, "Application started", _timeout, attempts: 2));

        Assert.Equal(2, attempts);
        Assert.Contains($"Port in use: {Text(taken)}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostThatStopsForAnythingElse_IsNotStartedAgain()
    {
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => ChildProcess.StartListeningAsync(() =>
        {
            attempts++;
            return ConfigurationErrorTests.Start("PingActors.Api", new() { ["Auth__SigningKey"] = "too short" });
        }, "Application started", _timeout));

        Assert.Equal(1, attempts);
        Assert.Contains("Auth:SigningKey", failure.Message, StringComparison.Ordinal);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
