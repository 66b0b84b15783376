using System.Diagnostics;
using PingActors.Testing.Processes;
using YamlDotNet.RepresentationModel;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// docker-compose.yml as <c>docker-compose config</c> resolves it (there is no Docker engine here, so nothing is
/// started): valid, published on loopback, development tokens off unless the development profile turns them on,
/// PostgreSQL off the host's 5432, and an observability profile whose files exist.
/// </summary>
public sealed class ComposeTests
{
    [Fact]
    public async Task Compose_ByDefault_PublishesOnLoopbackOnly_WithoutDevTokensOrAKey()
    {
        var services = await ConfigAsync();
        var api = Environment(services, "api");

        Assert.All(services.Children, service => Assert.All(Ports(service.Value), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal)));
        Assert.Equal("false", api["Auth__DevTokens"]);
        Assert.Equal("false", api["Auth__AllowDevTokensOutsideDevelopment"]);
        Assert.Equal("", api["Auth__SigningKey"]);
        Assert.Contains("127.0.0.1:5433:5432/tcp", Ports(services["postgres"]));
        Assert.Contains("127.0.0.1:5080:8080/tcp", Ports(services["api"]));
        Assert.Contains("127.0.0.1:5081:8081/tcp", Ports(services["api"]));
        Assert.Equal("8081", api["Operations__Port"]);
    }

    [Fact]
    public async Task Compose_WithTheDevelopmentProfile_TurnsOnDevTokensWithAKey()
    {
        var api = Environment(await ConfigAsync("--env-file", "deploy/development.env"), "api");

        Assert.Equal("true", api["Auth__DevTokens"]);
        Assert.Equal("true", api["Auth__AllowDevTokensOutsideDevelopment"]);
        Assert.True(api["Auth__SigningKey"].Length >= 32);
    }

    [Fact]
    public async Task Compose_TheObservabilityProfile_AddsTheCollectorPrometheusAndGrafana_FromFilesThatExist()
    {
        var services = await ConfigAsync("--profile", "observability");

        foreach (var name in (string[])["otel-collector", "prometheus", "grafana"])
        {
            var service = (YamlMappingNode)services[name];
            Assert.Equal(["observability"], ((YamlSequenceNode)service["profiles"]).Children.Select(p => p.ToString()));
            Assert.All(Ports(service), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
            foreach (var volume in ((YamlSequenceNode)service["volumes"]).Children.Select(v => v.ToString().Split(':')[0]))
            {
                Assert.True(File.Exists(volume) || Directory.Exists(volume), $"{name} mounts {volume}, which is not in the repository");
            }
        }
    }

    /// <summary>The services of <c>docker-compose config</c> run in the repository with <paramref name="options"/>.</summary>
    private static async Task<YamlMappingNode> ConfigAsync(params string[] options)
    {
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var option in options.Append("config"))
        {
            start.ArgumentList.Add(option);
        }

        // Only what the compose file says: no variable of the test's own environment may change it.
        foreach (var variable in start.Environment.Keys.Where(key => key.StartsWith("PINGACTORS_", StringComparison.Ordinal) || key.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"docker-compose config failed: {errors}");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await output));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static Dictionary<string, string> Environment(YamlMappingNode services, string name) =>
        ((YamlMappingNode)((YamlMappingNode)services[name])["environment"]).Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString());

    private static List<string> Ports(YamlNode service) =>
        ((YamlMappingNode)service).Children.TryGetValue("ports", out var ports) ? [.. ((YamlSequenceNode)ports).Children.Select(p => p.ToString())] : [];
}
