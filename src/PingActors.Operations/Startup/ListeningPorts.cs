using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using PingActors.Hosting;

namespace PingActors.Operations.Startup;

/// <summary>
/// Checks, before a host starts anything, that the ports it will listen on are free. A host that finds its HTTP
/// port taken only once its silo has joined, its database has started and its background services run stops with
/// hundreds of lines from all of them; a second copy of the same host (a second <c>dotnet run</c>) is the usual
/// cause, and it deserves one line that names the port. For a silo the check matters more: two single-node
/// silos on one database would be two clusters that each think they own every grain.
/// </summary>
public static class ListeningPorts
{
    /// <summary>
    /// Throws <see cref="PortInUseException"/>, whose message names every taken port and the setting that chose
    /// it, if any of the host's HTTP addresses (<c>Urls</c>, <c>Kestrel:Endpoints</c>) or, for a host with a silo,
    /// its silo and gateway ports are in use. Port 0 (any free port) is never in use.
    /// </summary>
    public static void EnsureFree(IConfiguration configuration, ClusterSettings? silo)
    {
        var taken = new List<string>();
        foreach (var (setting, url) in HttpAddresses(configuration))
        {
            if (BindingAddress.Parse(url) is { IsUnixPipe: false, Port: > 0 } address && !IsFree(Addresses(address.Host), address.Port))
            {
                taken.Add($"{address.Port} ({setting} {url})");
            }
        }

        if (silo is not null)
        {
            foreach (var (setting, port) in new[] { ("Cluster:SiloPort", silo.SiloPort), ("Cluster:GatewayPort", silo.GatewayPort) })
            {
                if (!IsFree([silo.IsSingleNode ? IPAddress.Loopback : IPAddress.Any], port))
                {
                    taken.Add($"{port} ({setting})");
                }
            }
        }

        if (taken.Count > 0)
        {
            throw new PortInUseException(
                $"Port{(taken.Count > 1 ? "s" : "")} in use: {string.Join(", ", taken)}. Is PingActors already running? "
                + "Stop it, or choose free ports (--urls http://localhost:5081, --Cluster:SiloPort=11112, --Cluster:GatewayPort=30001).");
        }
    }

    private static IEnumerable<(string Setting, string Url)> HttpAddresses(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(endpoint => !string.IsNullOrEmpty(endpoint["Url"]))
            .Select(endpoint => ($"Kestrel:Endpoints:{endpoint.Key}:Url", endpoint["Url"]!)).ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        var urls = configuration["urls"];
        return string.IsNullOrWhiteSpace(urls)
            ? [("Urls", "http://localhost:5000")] // Kestrel's own default
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url => ("Urls", url));
    }

    /// <summary>The addresses Kestrel binds for a host name: both loopbacks for <c>localhost</c>, every interface for a name it cannot bind.</summary>
    private static IPAddress[] Addresses(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
        : IPAddress.TryParse(host.Trim('[', ']'), out var address) ? [address]
        : [IPAddress.Any];

    private static bool IsFree(IPAddress[] addresses, int port)
    {
        foreach (var address in addresses)
        {
            var listener = new TcpListener(address, port);
            try
            {
                listener.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return false;
            }
            catch (SocketException)
            {
                // This machine lacks the address (no IPv6, say): Kestrel will say so itself.
            }
            finally
            {
                listener.Stop();
            }
        }

        return true;
    }
}
