using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Auth;

/// <summary>Outside Development, and unless switched on, nobody can mint tokens.</summary>
public sealed class DevTokensOffTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:Postgres", _database.ConnectionString);
            web.UseSetting("Auth:SigningKey", ApiFixture.SigningKey);
            web.UseSetting("Cluster:SiloPort", Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Cluster:GatewayPort", Repository.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task DevTokenRoute_InProductionByDefault_Is404()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/v1/dev/token", new { username = "someone" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
