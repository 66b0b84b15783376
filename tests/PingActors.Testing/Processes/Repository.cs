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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
