using System.Globalization;
using System.Net;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Processes;

/// <summary>
/// Requests on the operator port (<c>Operations:Port</c>) are operators', as requests from the machine itself are:
/// under docker compose a browser reaches the API through Docker's bridge, and the operator port, published on the
/// host's loopback only, is how it opens the Dashboard and <c>/metrics</c>.
/// </summary>
public sealed class OperatorPortTests
{
    [Fact]
    public async Task DashboardAndMetrics_OnTheOperatorPort_NeedNoToken_AndElsewhereDo()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (api, operators) = (Repository.FreePort(), Repository.FreePort());
        using var host = ChildProcess.Start("dotnet", [Repository.HostAssembly("PingActors.Api")], Path.GetTempPath(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{Text(api)};http://127.0.0.1:{Text(operators)}",
            ["Operations__Port"] = Text(operators),
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Auth__SigningKey"] = ApiFixture.SigningKey,
            ["Cluster__SiloPort"] = Text(Repository.FreePort()),
            ["Cluster__GatewayPort"] = Text(Repository.FreePort()),
        });
        await host.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(2));

        foreach (var path in (string[])["/metrics", "/dashboard/"])
        {
            // As through Docker's bridge: the request did not come from the API's own machine.
            Assert.Equal(HttpStatusCode.OK, (await ProxiedAsync(operators, path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProxiedAsync(api, path)).StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> ProxiedAsync(int port, string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Text(port)}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", "172.18.0.1");
        return await http.SendAsync(request);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
