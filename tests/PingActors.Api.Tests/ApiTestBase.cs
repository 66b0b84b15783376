using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PingActors.Api.Tests;

/// <summary>Shortcuts the API tests share.</summary>
public abstract class ApiTestBase(ApiFixture fixture)
{
    protected ApiFixture Fixture => fixture;

    /// <summary>A new owner with an open listing, and a signed-in client for them.</summary>
    protected async Task<(string Owner, HttpClient Client, Guid ListingId)> NewListingAsync(string title = "Road bike, 56 cm")
    {
        var owner = ApiFixture.NewUser("owner");
        var client = await fixture.SignInAsync(owner);
        var listingId = Guid.NewGuid();
        var response = await client.PutAsJsonAsync($"/v1/listings/{listingId}", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (owner, client, listingId);
    }

    /// <summary>A ping from a new sender to a new listing.</summary>
    protected async Task<Ping> NewPingAsync()
    {
        var (owner, ownerClient, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var senderClient = await fixture.SignInAsync(sender);
        var response = await senderClient.PostAsJsonAsync("/v1/pings", new { listingId, message = "Still available?" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        return new Ping(owner, ownerClient, sender, senderClient, listingId, body.GetProperty("pingId").GetGuid(), body.GetProperty("chatId").GetGuid());
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts an application/problem+json answer with this status and a type ending in this slug; returns its body.</summary>
    protected static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal($"https://pingactors.dev/problems/{slug}", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 problem that lists exactly these fields.</summary>
    protected static async Task AssertInvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(fields.Order(), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    protected sealed record Ping(
        string Owner, HttpClient OwnerClient, string Sender, HttpClient SenderClient, Guid ListingId, Guid PingId, Guid ChatId);
}
