using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Pings;

[Collection(ApiCollection.Name)]
public sealed class BatchApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Batch_ProcessesItemsInOrderEachWithItsOwnStatus()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();
        var client = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings/batch")
        {
            Content = JsonContent.Create(new
            {
                items = new object[]
                {
                    new { listingId, message = "first" },
                    new { listingId, message = "second, same listing" },
                    new { listingId = Guid.NewGuid(), message = "unknown listing" },
                    new { listingId },
                },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([201, 409, 404, 400], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(listingId, results[0].GetProperty("ping").GetProperty("listingId").GetGuid());
        Assert.EndsWith("/ping-already-pending", results[1].GetProperty("problem").GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/listing-not-found", results[2].GetProperty("problem").GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/validation", results[3].GetProperty("problem").GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(49, body.GetProperty("quota").GetProperty("remaining").GetInt32());
        Assert.NotNull(response.Headers.GetValues("RateLimit").Single());
    }

    [Fact]
    public async Task Batch_WithoutAnIdempotencyKey_Is400()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsJsonAsync("/v1/pings/batch", new { items = new[] { new { listingId = Guid.NewGuid(), message = "hi" } } });

        await AssertInvalidAsync(response, "Idempotency-Key");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task Batch_WithTooFewOrTooManyItems_Is400(int count)
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings/batch")
        {
            Content = JsonContent.Create(new { items = Enumerable.Range(0, count).Select(_ => new { listingId = Guid.NewGuid(), message = "hi" }) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        await AssertInvalidAsync(await client.SendAsync(request), "items");
    }
}
