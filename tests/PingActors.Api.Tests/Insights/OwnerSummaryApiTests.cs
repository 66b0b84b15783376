using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Insights;
using PingActors.Testing;

namespace PingActors.Api.Tests.Insights;

/// <summary>The owner's summary in the answer to a ping: served from memory, read in the background, fresh as it says.</summary>
[Collection(ApiCollection.Name)]
public sealed class OwnerSummaryApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(30);

    private OwnerSummaryCache Cache => Fixture.Services.GetRequiredService<OwnerSummaryCache>();

    [Fact]
    public async Task SendPing_ToAnOwnerNotReadYet_AnswersWithoutTheSummary_AndTheNextPingsWithIt()
    {
        var (owner, _, listingId) = await NewListingAsync();

        var first = await SendAsync(listingId);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("owner").ValueKind);
        await Eventually.UntilAsync(() => Task.FromResult(Cache.TryGet(owner) is not null), _wait, "the owner's figures to be read");

        var next = (await SendAsync(listingId)).GetProperty("owner");
        var insights = await Fixture.Services.GetRequiredService<InsightQueries>().GetOwnerAsync(owner);
        Assert.Equal(insights.Answer.Probability, next.GetProperty("answerProbability").GetDouble(), 12);
        Assert.Equal(insights.ResponseTime?.MedianMinutes, next.GetProperty("medianResponseMinutes").ValueKind == JsonValueKind.Null ? null : next.GetProperty("medianResponseMinutes").GetDouble());
        Assert.Equal(0, next.GetProperty("settledPings").GetInt64());
        Assert.True(next.GetProperty("asOf").GetDateTimeOffset() <= Fixture.Clock.GetUtcNow());
    }

    [Fact]
    public async Task SendPing_ToAnOwnerInMemory_ReadsNothingFromTheDatabaseForTheSummary()
    {
        var (owner, _, listingId) = await NewListingAsync();
        await Cache.LoadAsync([owner]);
        var reads = Cache.Reads;

        for (var i = 0; i < 20; i++)
        {
            var summary = (await SendAsync(listingId)).GetProperty("owner");
            Assert.Equal(JsonValueKind.Object, summary.ValueKind);
        }

        Assert.Equal(reads, Cache.Reads);
    }

    [Fact]
    public async Task OwnerSummary_OlderThanItsMaxAge_IsServed_AndReadAgainInTheBackground()
    {
        var (owner, _, listingId) = await NewListingAsync();
        await Cache.LoadAsync([owner]);
        var readAt = Cache.TryGet(owner)!.AsOf;

        Fixture.Clock.Advance(new InsightOptions().SummaryMaxAge);
        var stale = (await SendAsync(listingId)).GetProperty("owner");

        Assert.Equal(readAt, stale.GetProperty("asOf").GetDateTimeOffset());
        await Eventually.UntilAsync(() => Task.FromResult(Cache.TryGet(owner)!.AsOf > readAt), _wait, "the owner's figures to be read again");
        Assert.Equal(Fixture.Clock.GetUtcNow(), (await SendAsync(listingId)).GetProperty("owner").GetProperty("asOf").GetDateTimeOffset());
    }

    [Fact]
    public async Task Batch_SentItems_CarryTheOwnersSummary_AndRefusedOnesNone()
    {
        var (owner, _, listingId) = await NewListingAsync();
        await Cache.LoadAsync([owner]);
        var client = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings/batch")
        {
            Content = JsonContent.Create(new { items = new object[] { new { listingId, message = "first" }, new { listingId, message = "again" } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var results = (await JsonAsync(await client.SendAsync(request))).GetProperty("results").EnumerateArray().ToList();

        Assert.Equal([201, 409], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(Cache.TryGet(owner)!.AnswerProbability, results[0].GetProperty("owner").GetProperty("answerProbability").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("owner").ValueKind);
    }

    /// <summary>A ping from a new sender to the listing; its answer's body.</summary>
    private async Task<JsonElement> SendAsync(Guid listingId)
    {
        var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        var response = await sender.PostAsJsonAsync("/v1/pings", new { listingId, message = "Still available?" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }
}
