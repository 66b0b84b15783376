using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.Api.Tests.Analytics;
using PingActors.Insights;
using PingActors.Testing;

namespace PingActors.Api.Tests.Insights;

/// <summary>The insight figures over the generated history of 5,000+ pings: served over HTTP, and the same after a rebuild.</summary>
[Collection(HistoryCollection.Name)]
public sealed class InsightHistoryTests(HistoryFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Predictions_AfterARebuild_AreThoseOfIncrementalFolding()
    {
        var refitter = fixture.Services.GetRequiredService<InsightRefitter>();
        Assert.NotNull(await refitter.RefitAsync(force: true));
        var incremental = await PredictEverythingAsync();

        await fixture.Services.GetRequiredService<AnalyticsRebuilder>().RebuildAsync();
        await using (var signals = await DatabaseSignals.ListenAsync(fixture.Database.ConnectionString, AnalyticsProcessor.Channel))
        {
            await signals.UntilAsync(
                async () => await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events") == 0,
                TimeSpan.FromMinutes(1), "the workers to apply what the rebuild left to them");
        }

        Assert.NotNull(await refitter.RefitAsync(force: true));
        Assert.Equal(incremental, await PredictEverythingAsync());
    }

    [Fact]
    public async Task UserInsights_OverHttp_AreThePredictorsFigures_WithTheirSampleSizes()
    {
        var reader = await fixture.SignInAsync(ApiFixture.NewUser("reader"));
        var owner = fixture.Users[0];
        var body = await JsonAsync(await reader.GetAsync($"/v1/users/{owner}/insights"));
        var expected = await fixture.Services.GetRequiredService<InsightQueries>().GetOwnerAsync(owner);

        Assert.Equal(owner, body.GetProperty("username").GetString());
        Assert.Equal(expected.Model.Version, body.GetProperty("model").GetProperty("version").GetString());
        var answer = body.GetProperty("answer");
        Assert.Equal(expected.Answer.Probability, answer.GetProperty("probability").GetDouble(), 12);
        Assert.Equal((expected.Answer.Answered, expected.Answer.Settled), (answer.GetProperty("answered").GetInt64(), answer.GetProperty("settled").GetInt64()));
        var received = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE receiver = $1", owner);
        Assert.Equal(received, body.GetProperty("pings").GetProperty("received").GetInt64());
        Assert.True(received > 100, $"{owner} received {received} pings");

        var time = body.GetProperty("responseTime");
        Assert.Equal(expected.ResponseTime!.MedianMinutes, time.GetProperty("medianMinutes").GetDouble(), 9);
        Assert.Equal([1.0, 6.0, 24.0], time.GetProperty("answeredWithin").EnumerateArray().Select(w => w.GetProperty("hours").GetDouble()));
        var best = body.GetProperty("bestTime");
        Assert.Equal(168, best.GetProperty("profile").GetArrayLength());
        Assert.Equal("UTC", best.GetProperty("timeZone").GetString());
        Assert.Equal(expected.BestTime.Window.StartHour, best.GetProperty("window").GetProperty("startHour").GetInt32());
    }

    [Fact]
    public async Task ListingInsights_OverHttp_ShrinkTheListingTowardsItsOwner()
    {
        var reader = await fixture.SignInAsync(ApiFixture.NewUser("reader"));
        var listing = fixture.Listings[0];
        var body = await JsonAsync(await reader.GetAsync($"/v1/listings/{listing}/insights"));
        var owner = body.GetProperty("owner").GetString()!;
        var ownerChance = (await fixture.Services.GetRequiredService<InsightQueries>().GetOwnerAsync(owner)).Answer.Probability;
        var (answered, settled) = (body.GetProperty("answer").GetProperty("answered").GetInt64(), body.GetProperty("answer").GetProperty("settled").GetInt64());
        var strength = (await fixture.Services.GetRequiredService<InsightModelSource>().GetAsync()).Prior.Strength;

        Assert.Equal(
            await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE listing_id = $1 AND status IN ('responded', 'declined', 'expired')", listing), settled);
        Assert.Equal(((ownerChance * strength) + answered) / (strength + settled), body.GetProperty("answer").GetProperty("probability").GetDouble(), 12);
    }

    [Fact]
    public async Task PopulationInsights_OverHttp_HaveThePriorAndTheCurves()
    {
        var reader = await fixture.SignInAsync(ApiFixture.NewUser("reader"));
        var body = await JsonAsync(await reader.GetAsync("/v1/insights/population"));

        Assert.True(body.GetProperty("prior").GetProperty("owners").GetInt32() >= 5);
        var curves = body.GetProperty("curves").EnumerateArray().ToList();
        Assert.Equal(5, curves.Count);
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings"), curves[0].GetProperty("pings").GetInt64());
        Assert.Equal(curves[0].GetProperty("pings").GetInt64(), curves.Skip(1).Sum(c => c.GetProperty("pings").GetInt64()));
        var within = curves[0].GetProperty("answeredWithin").EnumerateArray().Select(w => w.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(within.Order(), within);
    }

    [Fact]
    public async Task InsightEndpoints_RefuseBadInput_WithProblems()
    {
        var reader = await fixture.SignInAsync(ApiFixture.NewUser("reader"));
        await AssertProblemAsync(await fixture.Anonymous().GetAsync($"/v1/users/{fixture.Users[0]}/insights"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertInvalidAsync(await reader.GetAsync("/v1/users/NOT%20A%20NAME/insights"), "username");
        await AssertProblemAsync(await reader.GetAsync($"/v1/listings/{Guid.NewGuid()}/insights"), HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(await reader.GetAsync("/v1/listings/not-a-guid/insights"), HttpStatusCode.BadRequest, "validation");

        // Someone nobody has pinged: the population's figures, resting on nothing of their own.
        var nobody = await JsonAsync(await reader.GetAsync($"/v1/users/{ApiFixture.NewUser("quiet")}/insights"));
        var prior = (await fixture.Services.GetRequiredService<InsightModelSource>().GetAsync()).Prior;
        Assert.Equal(prior.Mean, nobody.GetProperty("answer").GetProperty("probability").GetDouble(), 12);
        Assert.Equal((0, 0.0), (nobody.GetProperty("answer").GetProperty("settled").GetInt64(), nobody.GetProperty("answer").GetProperty("weight").GetDouble()));
    }

    [Fact]
    public async Task OpenApi_DescribesTheInsightEndpoints_AndTheOwnerInAPingsAnswer()
    {
        var document = await JsonAsync(await fixture.Anonymous().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        Assert.All(["/v1/users/{username}/insights", "/v1/listings/{listingId}/insights", "/v1/insights/population"],
            path => Assert.True(paths.TryGetProperty(path, out _), path));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("SentPing").GetProperty("properties").TryGetProperty("owner", out _));
        Assert.True(schemas.GetProperty("BatchItemResult").GetProperty("properties").TryGetProperty("owner", out _));
        Assert.True(schemas.GetProperty("OwnerSummary").GetProperty("properties").TryGetProperty("answerProbability", out _));
    }

    /// <summary>Every owner's and listing's figures as JSON, without the model's version and time (a refit makes a new one).</summary>
    private async Task<List<string>> PredictEverythingAsync()
    {
        var queries = fixture.Services.GetRequiredService<InsightQueries>();
        var predictions = new List<string>();
        foreach (var user in fixture.Users)
        {
            predictions.Add(JsonSerializer.Serialize((await queries.GetOwnerAsync(user)) with { Model = null! }));
        }

        var owners = await fixture.Database.ScalarAsync<string[]>("SELECT array_agg(DISTINCT receiver ORDER BY receiver) FROM pings");
        foreach (var listing in fixture.Listings)
        {
            var owner = await fixture.Database.ScalarAsync<string>("SELECT min(receiver) FROM pings WHERE listing_id = $1", listing);
            predictions.Add(JsonSerializer.Serialize((await queries.GetListingAsync(listing, owner)) with { Model = null! }));
        }

        Assert.True(owners.Length >= 12);
        predictions.Add(JsonSerializer.Serialize((await queries.GetPopulationAsync()) with { Model = null! }));
        return predictions;
    }
}
