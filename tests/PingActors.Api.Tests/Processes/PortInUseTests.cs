using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PingActors.Testing;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// A host whose port is taken (usually by a copy of itself) says so in one line that names the port and exits
/// with 1, before it starts a silo or touches a database.
/// </summary>
public sealed class PortInUseTests
{
    private static readonly TimeSpan _exitTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Api_WhoseHttpPortIsTaken_ExitsWith1AndOneLineNamingThePort()
    {
        using var holder = Hold(out var port);

        using var api = ConfigurationErrorTests.Start("PingActors.Api", new() { ["Urls"] = $"http://localhost:{port}" });
        var exitCode = await api.WaitForExitAsync(_exitTimeout);

        ConfigurationErrorTests.AssertRefused(api, exitCode, $"Port in use: {port} (Urls http://localhost:{port}).");
    }

    [Theory]
    [InlineData("Cluster__SiloPort", "Cluster:SiloPort")]
    [InlineData("Cluster__GatewayPort", "Cluster:GatewayPort")]
    public async Task SingleNodeApi_WhoseSiloPortIsTaken_ExitsWith1AndOneLineNamingThePort(string variable, string setting)
    {
        using var holder = Hold(out var port);

        using var api = ConfigurationErrorTests.Start("PingActors.Api", new() { [variable] = Text(port) });
        var exitCode = await api.WaitForExitAsync(_exitTimeout);

        ConfigurationErrorTests.AssertRefused(api, exitCode, $"Port in use: {port} ({setting}).");
    }

    [Fact]
    public async Task Silo_WhoseSiloPortIsTaken_ExitsWith1AndOneLineNamingThePort()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var holder = Hold(out var port, IPAddress.Any);

        using var silo = ConfigurationErrorTests.Start("PingActors.Silo", new()
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Cluster__SiloPort"] = Text(port),
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
        });
        var exitCode = await silo.WaitForExitAsync(_exitTimeout);

        ConfigurationErrorTests.AssertRefused(silo, exitCode, $"Port in use: {port} (Cluster:SiloPort).");
    }

    /// <summary>Listens on a free port, as another program would.</summary>
    internal static TcpListener Hold(out int port, IPAddress? address = null)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
