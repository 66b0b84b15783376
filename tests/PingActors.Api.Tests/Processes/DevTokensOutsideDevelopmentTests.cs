using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// Development tokens let anyone mint an admin token: outside Development the API refuses to start with them,
/// unless an explicit override is set, and it warns whenever they are on.
/// </summary>
public sealed class DevTokensOutsideDevelopmentTests
{
    private const string SigningKey = "dev-token-tests-signing-key-of-32-bytes";

    [Fact]
    public async Task Api_InProductionWithDevTokens_RefusesToStartNamingTheKey()
    {
        using var api = ConfigurationErrorTests.Start("PingActors.Api", new()
        {
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__DevTokens"] = "true",
        });

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromMinutes(2));

        ConfigurationErrorTests.AssertRefused(api, exitCode, "Auth:DevTokens: must be off outside Development");
    }

    [Fact]
    public async Task Api_InProductionWithDevTokensAndTheOverride_StartsWarnsAndServesTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        var port = Repository.FreePort();
        using var api = ConfigurationErrorTests.Start("PingActors.Api", new()
        {
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Auth__SigningKey"] = SigningKey,
            ["Auth__DevTokens"] = "true",
            ["Auth__AllowDevTokensOutsideDevelopment"] = "true",
        });

        await api.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        var token = await http.PostAsJsonAsync("/v1/dev/token", new { username = "someone" });

        Assert.Contains("Development tokens are on (Production)", api.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        await api.StopAsync(TimeSpan.FromMinutes(1));
    }
}
