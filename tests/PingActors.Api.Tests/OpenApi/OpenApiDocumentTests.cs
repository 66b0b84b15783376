using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PingActors.Api.Idempotency;
using PingActors.Api.Limits;
using PingActors.Api.Problems;
using PingActors.Limits;

namespace PingActors.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document is good enough to generate a client from: every route's every problem, with its status
/// and an example, and the headers a client acts on. Every route the API maps is checked, including routes added
/// later: what a route can answer is read from the route itself (its handler's code, its authorization, its input).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task OpenApi_ListsEveryProblemResponseOfEveryRoute()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var routes = ApiRoutes.Of(Fixture.Services).ToList();
        var descriptions = Fixture.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(group => group.Items).ToList();

        Assert.NotEmpty(routes);
        var missing = new List<string>();
        foreach (var (endpoint, method, path) in routes)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                missing.Add($"{method} {path} is not in the document");
                continue;
            }

            var responses = operation.GetProperty("responses");
            var itemProblems = ItemProblems(responses);
            var description = Assert.Single(descriptions, d => d.HttpMethod == method && "/" + d.RelativePath?.TrimEnd('/') == path);
            foreach (var slug in ApiRoutes.ExpectedProblems(endpoint, description).Order(StringComparer.Ordinal))
            {
                var status = ApiProblems.Describe(slug).Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (itemProblems.Contains(ProblemTypes.Uri(slug)))
                {
                    continue; // reported per item inside the successful answer (a batch)
                }

                if (!responses.TryGetProperty(status, out var response)
                    || !response.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").TryGetProperty(slug, out var example))
                {
                    missing.Add($"{method} {path} does not list {status} {slug}");
                    continue;
                }

                Assert.Equal(ProblemTypes.Uri(slug), example.GetProperty("value").GetProperty("type").GetString());
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public async Task OpenApi_Batch_ListsTheProblemsOfItsItems()
    {
        var batch = (await DocumentAsync()).GetProperty("paths").GetProperty("/v1/pings/batch").GetProperty("post").GetProperty("responses");

        Assert.Contains(ProblemTypes.Uri(ProblemTypes.OwnerBusy), ItemProblems(batch));
        Assert.Contains(ProblemTypes.Uri(ProblemTypes.ListingNotFound), ItemProblems(batch));
        Assert.False(batch.TryGetProperty("429", out _)); // a refused item is not a refused batch
    }

    [Fact]
    public async Task OpenApi_PolicyExample_ReadsBackAsAValidPolicy()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var example = schemas.GetProperty(nameof(PutLimitPoliciesRequest)).GetProperty("examples")[0];
        var options = Fixture.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var request = example.Deserialize<PutLimitPoliciesRequest>(options)!;

        Assert.Equal(new LimitPolicy(), request.Enforced);
        Assert.Empty(request.Candidate!.Validate());
    }

    /// <summary>The problems an operation's successful answer reports per item.</summary>
    private static HashSet<string?> ItemProblems(JsonElement responses) =>
        responses.EnumerateObject().Where(response => response.Name.StartsWith('2'))
            .SelectMany(response => response.Value.TryGetProperty("x-item-problem-types", out var types) ? types.EnumerateArray().Select(type => type.GetString()) : [])
            .ToHashSet();

    [Fact]
    public async Task OpenApi_ProblemsThatCarryRetryAfter_DocumentTheHeader()
    {
        var send = (await DocumentAsync()).GetProperty("paths").GetProperty("/v1/pings").GetProperty("post").GetProperty("responses");

        Assert.True(send.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(send.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(send.GetProperty("409").GetProperty("headers").TryGetProperty("Retry-After", out _)); // idempotency-key-in-flight
        Assert.True(send.GetProperty("401").GetProperty("headers").TryGetProperty("WWW-Authenticate", out _));
        Assert.Contains(send.GetProperty("429").GetProperty("x-problem-types").EnumerateArray(), t => t.GetString() == ProblemTypes.Uri(ProblemTypes.CooldownActive));
        Assert.Contains(send.GetProperty("429").GetProperty("x-problem-types").EnumerateArray(), t => t.GetString() == ProblemTypes.Uri(ProblemTypes.OwnerBusy));
    }

    [Fact]
    public async Task OpenApi_RateLimitedAndIdempotentRoutes_DocumentTheirHeaders()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var send = paths.GetProperty("/v1/pings").GetProperty("post");
        var created = send.GetProperty("responses").GetProperty("201").GetProperty("headers");
        var refused = send.GetProperty("responses").GetProperty("429").GetProperty("headers");

        Assert.Contains(send.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == IdempotencyFilter.Header);
        foreach (var header in (string[])["Location", "RateLimit", "RateLimit-Policy", IdempotencyFilter.ReplayedHeader])
        {
            Assert.True(created.TryGetProperty(header, out _), $"201 lacks {header}");
        }

        Assert.True(refused.TryGetProperty("RateLimit", out _));
        Assert.True(paths.GetProperty("/v1/admin/analytics/rebuild").GetProperty("post").GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _));
    }

    [Fact]
    public async Task OpenApi_EveryOperation_HasASummaryAnOperationIdAndAnExampleOfItsBody()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{operation.Name} {path.Name} has no summary");
                Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{operation.Name} {path.Name} has no operationId");
                if (operation.Value.TryGetProperty("requestBody", out var body))
                {
                    var reference = body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
                    Assert.True(schemas.GetProperty(reference.Split('/')[^1]).TryGetProperty("examples", out _), $"{operation.Name} {path.Name}: {reference} has no example");
                }
            }
        }
    }

    [Fact]
    public async Task OpenApi_ListsOnlyTheApi_NotTheDashboardOrOperations()
    {
        var paths = (await DocumentAsync()).GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();

        Assert.All(paths, path => Assert.StartsWith("/v1/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Docs_ServeTheReference_WithoutTheThirdPartyButtons()
    {
        var response = await Fixture.Anonymous().GetAsync("/docs");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"agent\":{\"disabled\":true}", page, StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", page, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", page, StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await Fixture.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }
}
