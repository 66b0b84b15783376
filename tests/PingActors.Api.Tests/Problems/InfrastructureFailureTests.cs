using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using PingActors.Api.Problems;
using PingActors.Chats;
using PingActors.Storage;
using PingActors.Testing;

namespace PingActors.Api.Tests.Problems;

/// <summary>A failure of the cluster or the database is a 503 the client may retry, wherever it sits in the exception.</summary>
[Collection(ApiCollection.Name)]
public sealed class InfrastructureFailureTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static readonly Dictionary<string, (Exception Exception, bool Infrastructure)> _failures = new()
    {
        ["unknown commit outcome"] = (new WriteOutcomeUnknownException("lost"), true),
        ["database refusal"] = (new PostgresException("injected", "ERROR", "ERROR", StorageFaults.SqlState), true),
        ["broken connection"] = (new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), true),
        ["grain call timeout"] = (new TimeoutException("Response did not arrive on time"), true),
        ["dead silo"] = (new SiloUnavailableException("The target silo became unavailable"), true),
        ["storage failure inside Orleans"] = (new OrleansException("Error from storage provider", new PostgresException("injected", "ERROR", "ERROR", StorageFaults.SqlState)), true),
        ["unknown outcome inside a task"] = (new AggregateException(new InvalidOperationException("first"), new WriteOutcomeUnknownException("lost")), true),
        ["unknown outcome deep inside"] = (new InvalidOperationException("outer", new ArgumentException("middle", new WriteOutcomeUnknownException("lost"))), true),
        ["gave up retrying"] = (new Polly.Timeout.TimeoutRejectedException(), true),
        ["a bug"] = (new InvalidOperationException("Sequence contains no elements"), false),
        ["a bug wrapping a bug"] = (new AggregateException(new FormatException(), new ArgumentException("x", new KeyNotFoundException())), false),
    };

    public static TheoryData<string> Failures => [.. _failures.Keys];

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classification_LooksAtTheWholeExceptionChain(string failure)
    {
        var (exception, infrastructure) = _failures[failure];

        Assert.Equal(infrastructure, InfrastructureFailures.IsInfrastructure(exception));
    }

    [Fact]
    public async Task GrainStateWrite_RefusedByTheDatabase_Is503WithRetryAfter_AndTheRetryCreatesIt()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        client.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));
        var listingId = Guid.NewGuid();
        HttpResponseMessage refused;
        await using (await StorageFaults.FailGrainStateAsync(Fixture.Database.ConnectionString, "listing", listingId))
        {
            refused = await client.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Desk" });
        }

        await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Desk" })).StatusCode);
    }

    [Fact]
    public async Task HistoryWrite_RefusedByTheDatabase_Is503WithRetryAfter_AndLeavesNoPing()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var client = await Fixture.SignInAsync(sender);
        HttpResponseMessage refused;
        await using (await StorageFaults.FailHistoryAsync(Fixture.Database.ConnectionString, ChatId.For(listingId, sender)))
        {
            refused = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Still there?" });
        }

        await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }
}
