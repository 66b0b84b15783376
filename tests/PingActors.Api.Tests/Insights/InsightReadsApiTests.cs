using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Api.Insights;
using PingActors.Insights;
using PingActors.Testing;

namespace PingActors.Api.Tests.Insights;

/// <summary>Insights reads over HTTP: from the API node's memory once read, and read again in the background once old.</summary>
[Collection(ApiCollection.Name)]
public sealed class InsightReadsApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(30);

    private InsightReads Reads => Fixture.Services.GetRequiredService<InsightReads>();

    [Fact]
    public async Task UserAndListingInsights_ReadAgain_ComeFromMemory()
    {
        var (owner, _, listingId) = await NewListingAsync();
        var reader = await Fixture.SignInAsync(ApiFixture.NewUser("reader"));
        var before = Reads.Reads;
        var first = await ReadAsync(reader, $"/v1/users/{owner}/insights");
        var listing = await ReadAsync(reader, $"/v1/listings/{listingId}/insights");
        var reads = Reads.Reads;
        Assert.Equal(before + 2, reads);

        var again = await ReadAsync(reader, $"/v1/users/{owner}/insights");
        var listingAgain = await ReadAsync(reader, $"/v1/listings/{listingId}/insights");

        Assert.Equal(reads, Reads.Reads);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(listing.GetRawText(), listingAgain.GetRawText());
    }

    [Fact]
    public async Task UserInsights_OlderThanTheMaxAge_AreServedWhileReadAgainInTheBackground()
    {
        var (owner, _, listingId) = await NewListingAsync();
        var reader = await Fixture.SignInAsync(ApiFixture.NewUser("reader"));
        await PingAsync(listingId);
        await UntilReceivedAsync(owner, 1);
        Assert.Equal(1, Received(await ReadAsync(reader, $"/v1/users/{owner}/insights")));

        await PingAsync(listingId);
        await UntilReceivedAsync(owner, 2);
        Assert.Equal(1, Received(await ReadAsync(reader, $"/v1/users/{owner}/insights")));
        Fixture.Clock.Advance(new InsightOptions().ReadMaxAge);
        var reads = Reads.Reads;

        Assert.Equal(1, Received(await ReadAsync(reader, $"/v1/users/{owner}/insights")));
        await Eventually.UntilAsync(async () => Received(await ReadAsync(reader, $"/v1/users/{owner}/insights")) == 2, _wait, "the figures read again");
        Assert.Equal(reads + 1, Reads.Reads);
    }

    private async Task PingAsync(Guid listingId)
    {
        var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        Assert.Equal(HttpStatusCode.Created, (await sender.PostAsJsonAsync("/v1/pings", new { listingId, message = "Still available?" })).StatusCode);
    }

    /// <summary>Waits for the workers to fold the owner's pings into the aggregates the reads come from.</summary>
    private async Task UntilReceivedAsync(string owner, long received)
    {
        var queries = Fixture.Services.GetRequiredService<InsightQueries>();
        await Eventually.UntilAsync(async () => (await queries.ReadOwnerAsync(owner)).Owner.Received == received, _wait, $"{owner}'s {received} pings in the aggregates");
    }

    private static async Task<JsonElement> ReadAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static long Received(JsonElement insights) => insights.GetProperty("pings").GetProperty("received").GetInt64();
}
