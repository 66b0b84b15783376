using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>The README's run command, as a new user types it: no configuration, PostgreSQL merely installed.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"pingactors-run-{Guid.NewGuid():N}");

    [Fact]
    public async Task DotnetRun_StartsTakesAPing_RefusesASecondCopyInOneLine_AndStopsItsDatabaseWhenStopped()
    {
        // Ports of its own (a user's own server may hold 5080, 11111 and 30000), and a data folder off the user's real one.
        var port = Repository.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = _dataDirectory,
            ["Cluster__SiloPort"] = Text(Repository.FreePort()),
            ["Cluster__GatewayPort"] = Text(Repository.FreePort()),
        };
        string[] command = ["run", "--project", "src/PingActors.Api", "--", "--urls", $"http://localhost:{Text(port)}"];
        using var api = ChildProcess.Start("dotnet", command, Repository.Root, environment);
        await api.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(4));
        Assert.Contains($"PostgreSQL started from {_dataDirectory}", api.Output, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{Text(port)}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        var owner = await TokenAsync(http, "readme-owner");
        var listingId = Guid.NewGuid();
        var listing = await SendAsync(http, owner, HttpMethod.Put, $"/v1/listings/{listingId}", new { title = "Desk lamp" });
        var sender = await TokenAsync(http, "readme-sender");
        var ping = await SendAsync(http, sender, HttpMethod.Post, "/v1/pings", new { listingId, message = "Is the lamp still available?" });

        Assert.Equal(HttpStatusCode.Created, listing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ping.StatusCode);

        // The second copy is the same command on the build the first one made: what it tests is the refusal.
        using (var second = ChildProcess.Start("dotnet", [.. command[..1], "--no-build", .. command[1..]], Repository.Root, environment))
        {
            var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(4));
            ConfigurationErrorTests.AssertRefused(second, exitCode, $"Ports in use: {Text(port)} (Urls http://localhost:{Text(port)}), ");
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        await api.StopAsync(TimeSpan.FromMinutes(1));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "data", "postmaster.pid")), "the embedded PostgreSQL is still running");
        Assert.DoesNotContain("Participant check thread has not completed", api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetRun_WithoutPostgresBinaries_ExitsNamingBothFixes()
    {
        // On the build the test run made (the API's, in the same configuration): what it tests is the start-up's refusal.
        using var api = ChildProcess.Start("dotnet", ["run", "--no-build", "--project", "src/PingActors.Api", "--", "--urls", $"http://localhost:{Text(Repository.FreePort())}"],
            Repository.Root, new Dictionary<string, string>
            {
                ["Embedded__DataDirectory"] = _dataDirectory,
                ["Embedded__BinDirectory"] = Path.Combine(_dataDirectory, "no-postgres-here"),
                ["Cluster__SiloPort"] = Text(Repository.FreePort()),
                ["Cluster__GatewayPort"] = Text(Repository.FreePort()),
            });

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(1, exitCode);
        Assert.Contains("PostgreSQL is not installed", api.Output, StringComparison.Ordinal);
        Assert.Contains("install PostgreSQL", api.Output, StringComparison.Ordinal);
        Assert.Contains("docker compose up -d postgres", api.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Postgres=\"Host=localhost;Port=5433;", api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", api.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        var pidFile = Path.Combine(_dataDirectory, "data", "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> TokenAsync(HttpClient http, string username)
    {
        var response = await http.PostAsJsonAsync("/v1/dev/token", new { username });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
