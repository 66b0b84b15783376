using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace PingActors.Api.Tests.Problems;

/// <summary>
/// A client that accepts no JSON (a browser opening a URL, an <c>EventSource</c>) still gets every error as its
/// problem, with the right status: never a 500 with an empty body.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NonJsonAcceptTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static readonly string[] _accepts = ["text/html", "text/event-stream", "text/plain", "image/png"];

    private static readonly (string Case, HttpStatusCode Status, string Slug)[] _cases =
    [
        ("no token", HttpStatusCode.Unauthorized, "unauthorized"),
        ("not an admin", HttpStatusCode.Forbidden, "forbidden"),
        ("no such route", HttpStatusCode.NotFound, "not-found"),
        ("no such listing", HttpStatusCode.NotFound, "not-found"),
        ("wrong method", HttpStatusCode.MethodNotAllowed, "method-not-allowed"),
        ("missing field", HttpStatusCode.BadRequest, "validation"),
        ("malformed JSON", HttpStatusCode.BadRequest, "validation"),
        ("malformed id", HttpStatusCode.BadRequest, "validation"),
        ("body over the limit", HttpStatusCode.BadRequest, "validation"),
        ("body not JSON", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"),
        ("listing closed", HttpStatusCode.Conflict, "listing-closed"),
        ("own listing", HttpStatusCode.UnprocessableEntity, "own-listing"),
        ("key reused", HttpStatusCode.UnprocessableEntity, "idempotency-key-reused"),
        ("daily limit", HttpStatusCode.TooManyRequests, "daily-limit-exceeded"),
    ];

    public static TheoryData<string, string> Requests()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _, _) in _cases)
        {
            foreach (var accept in _accepts)
            {
                data.Add(name, accept);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AnError_ForAClientThatAcceptsNoJson_IsStillItsProblem(string name, string accept)
    {
        var (_, status, slug) = _cases.Single(c => c.Case == name);
        var (client, request) = await PrepareAsync(name);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));

        var response = await client.SendAsync(request);

        await AssertProblemAsync(response, status, slug);
    }

    /// <summary>A client and the request that meets the named error.</summary>
    private async Task<(HttpClient Client, HttpRequestMessage Request)> PrepareAsync(string name)
    {
        var user = await Fixture.SignInAsync(ApiFixture.NewUser());
        switch (name)
        {
            case "no token":
                return (Fixture.Anonymous(), new HttpRequestMessage(HttpMethod.Get, "/v1/me/limits"));
            case "not an admin":
                return (user, Json(HttpMethod.Put, $"/v1/admin/users/{ApiFixture.NewUser()}/limits", new { dailyLimit = 3 }));
            case "no such route":
                return (user, new HttpRequestMessage(HttpMethod.Get, "/v1/nothing-here"));
            case "no such listing":
                return (user, new HttpRequestMessage(HttpMethod.Get, $"/v1/listings/{Guid.NewGuid()}"));
            case "wrong method":
                return (user, new HttpRequestMessage(HttpMethod.Delete, "/v1/me/limits"));
            case "missing field":
                return (user, Json(HttpMethod.Put, $"/v1/listings/{Guid.NewGuid()}", new { }));
            case "malformed JSON":
                return (user, Raw("/v1/pings", "{\"listingId\": ", "application/json"));
            case "malformed id":
                return (user, new HttpRequestMessage(HttpMethod.Get, "/v1/pings/not-an-id"));
            case "body over the limit":
                return (user, Json(HttpMethod.Post, "/v1/pings", new { listingId = Guid.NewGuid(), message = new string('x', 70_000) }));
            case "body not JSON":
                return (user, Raw("/v1/pings", "hello", "text/plain"));
            case "listing closed":
            {
                var (_, owner, listingId) = await NewListingAsync();
                (await owner.PostAsync($"/v1/listings/{listingId}/close", null)).EnsureSuccessStatusCode();
                return (user, Json(HttpMethod.Post, "/v1/pings", new { listingId, message = "hi" }));
            }

            case "own listing":
            {
                var (_, owner, listingId) = await NewListingAsync();
                return (owner, Json(HttpMethod.Post, "/v1/pings", new { listingId, message = "hi" }));
            }

            case "key reused":
            {
                var key = Guid.NewGuid().ToString();
                var (_, _, listingId) = await NewListingAsync();
                var first = Json(HttpMethod.Post, "/v1/pings/batch", new { items = new[] { new { listingId, message = "one" } } });
                first.Headers.Add("Idempotency-Key", key);
                (await user.SendAsync(first)).EnsureSuccessStatusCode();
                var second = Json(HttpMethod.Post, "/v1/pings/batch", new { items = new[] { new { listingId, message = "two" } } });
                second.Headers.Add("Idempotency-Key", key);
                return (user, second);
            }

            case "daily limit":
            {
                var username = ApiFixture.NewUser();
                var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
                (await admin.PutAsJsonAsync($"/v1/admin/users/{username}/limits", new { dailyLimit = 0 })).EnsureSuccessStatusCode();
                var (_, _, listingId) = await NewListingAsync();
                return (await Fixture.SignInAsync(username), Json(HttpMethod.Post, "/v1/pings", new { listingId, message = "hi" }));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such case.");
        }
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) =>
        new(method, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Raw(string path, string body, string contentType) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
}
