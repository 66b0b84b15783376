using System.Net;
using System.Net.Sockets;

namespace PingActors.Testing.Processes;

/// <summary>Finds the checkout and the hosts built with it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration these tests were built with (the hosts were built the same way).</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The built entry assembly of a host project under <c>src/</c>.</summary>
    public static string HostAssembly(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", $"{project}.dll");

    /// <summary>
    /// A port nothing listens on, for a child process to bind, chosen below the kernel's ephemeral range. A port
    /// from that range (what binding to port 0 hands out) can become the local end of some outgoing connection
    /// between this check and the child's bind, and the child then fails with "address already in use".
    /// </summary>
    public static int FreePort()
    {
        var (first, last) = ListenPorts;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(first, last + 1);
            try
            {
                using var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException($"No free port between {first} and {last}.");
    }

    /// <summary>The ports <see cref="FreePort"/> chooses from: those below the ephemeral range, or above it if it starts low.</summary>
    private static (int First, int Last) ListenPorts { get; } = ChooseListenPorts();

    private static (int First, int Last) ChooseListenPorts()
    {
        var (low, high) = (32768, 60999); // Linux's default
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(rangeFile) && File.ReadAllText(rangeFile).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var from, var to]
            && int.TryParse(from, out var parsedLow) && int.TryParse(to, out var parsedHigh))
        {
            (low, high) = (parsedLow, parsedHigh);
        }

        return low - 1 >= 20_000 ? (20_000, low - 1) : (high + 1, 65_535);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PingActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PingActors.sln is not above the test assembly.");
    }
}
