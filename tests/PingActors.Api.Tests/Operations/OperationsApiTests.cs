using System.Net;

namespace PingActors.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OperationsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Health_LiveAndReady_AreAnonymousAndReportTheChecks()
    {
        var client = Fixture.Anonymous();

        var live = await client.GetAsync("/health/live");
        var ready = await JsonAsync(await client.GetAsync("/health/ready"));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryRouteWithTheBearerScheme()
    {
        var document = await JsonAsync(await Fixture.Anonymous().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        (string Path, string Method)[] routes =
        [
            ("/v1/listings/{listingId}", "put"), ("/v1/listings/{listingId}", "get"), ("/v1/listings/{listingId}/close", "post"),
            ("/v1/pings", "post"), ("/v1/pings/batch", "post"), ("/v1/pings", "get"), ("/v1/pings/{pingId}", "get"),
            ("/v1/pings/{pingId}/respond", "post"), ("/v1/pings/{pingId}/decline", "post"), ("/v1/pings/{pingId}/withdraw", "post"),
            ("/v1/chats", "get"), ("/v1/chats/{chatId}", "get"), ("/v1/chats/{chatId}/messages", "get"),
            ("/v1/chats/{chatId}/messages", "post"), ("/v1/chats/{chatId}/read", "post"),
            ("/v1/me/limits", "get"), ("/v1/admin/users/{username}/limits", "put"), ("/v1/admin/users/{username}/cooldown", "put"),
            ("/v1/dev/token", "post"),
        ];
        foreach (var (path, method) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is missing");
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var send = paths.GetProperty("/v1/pings").GetProperty("post");
        Assert.Contains(send.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(send.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(send.GetProperty("security").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Docs_ServeTheApiReference()
    {
        var response = await Fixture.Anonymous().GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_FromThisMachine_IsOpen()
    {
        var response = await Fixture.Anonymous().GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ThroughAProxy_NeedsAnAdmin()
    {
        var anonymous = Proxied(Fixture.Anonymous());
        var user = Proxied(await Fixture.SignInAsync(ApiFixture.NewUser()));
        var admin = Proxied(await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin"));

        await AssertProblemAsync(await anonymous.GetAsync("/dashboard/"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(await user.GetAsync("/dashboard/"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard/")).StatusCode);
    }

    private static HttpClient Proxied(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return client;
    }
}
