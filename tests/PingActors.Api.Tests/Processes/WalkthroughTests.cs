using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// The README's curl walk-through, run as written with bash against the API started on a free port, prints what
/// the README says it prints: the README cannot drift from the product. The API runs from another folder, as in a
/// container, so its development tokens come from its own appsettings.Development.json (its content root).
/// </summary>
public sealed class WalkthroughTests
{
    private const string Heading = "### A walk-through with curl";
    private const string DefaultAddress = "api=http://localhost:5080";
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ReadmeWalkthrough_RunAsWritten_PrintsWhatTheReadmeShows()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var script = Block(readme, "sh");
        var expected = Block(readme, "text").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(DefaultAddress + "\n", script, StringComparison.Ordinal);
        await using var database = await TestDatabase.CreateAsync();
        var port = Repository.FreePort();
        using var api = ChildProcess.Start("dotnet", [Repository.HostAssembly("PingActors.Api"), "--urls", $"http://localhost:{Text(port)}"], Path.GetTempPath(),
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["Cluster__SiloPort"] = Text(Repository.FreePort()),
                ["Cluster__GatewayPort"] = Text(Repository.FreePort()),
            });
        await api.WaitForOutputAsync("Application started", _timeout);

        var (printed, errors) = await BashAsync(script.Replace(DefaultAddress, $"api=http://localhost:{Text(port)}", StringComparison.Ordinal));

        Assert.True(errors.Length == 0, $"The walk-through wrote to standard error:{Environment.NewLine}{errors}");
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
        Assert.True(lines.Count == expected.Length, $"Printed:{Environment.NewLine}{printed}");
        foreach (var (line, pattern) in lines.Zip(expected))
        {
            Assert.Matches("^" + string.Join(".*", pattern.Split('…').Select(Regex.Escape)) + "$", line);
        }
    }

    [Fact]
    public async Task ReadmeWalkthrough_TalksToTheAddressTheRunCommandServes()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        using var launch = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "src", "PingActors.Api", "Properties", "launchSettings.json")));

        var served = launch.RootElement.GetProperty("profiles").GetProperty("PingActors.Api").GetProperty("applicationUrl").GetString();

        Assert.StartsWith(DefaultAddress + "\n", Block(readme, "sh"), StringComparison.Ordinal);
        Assert.Equal(DefaultAddress, $"api={served}");
    }

    /// <summary>The first fenced block of <paramref name="language"/> after the walk-through's heading.</summary>
    private static string Block(string readme, string language)
    {
        var start = readme.IndexOf("```" + language + "\n", readme.IndexOf(Heading, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(start >= 0, $"No ```{language} block after '{Heading}'");
        start += language.Length + 4;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static async Task<(string Output, string Errors)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script);
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(_timeout);
        await bash.WaitForExitAsync(expiry.Token);
        return (await output, await errors);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
