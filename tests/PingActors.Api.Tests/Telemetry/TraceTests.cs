using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using PingActors.Platform;

namespace PingActors.Api.Tests.Telemetry;

/// <summary>One trace covers a ping: the HTTP request, its grain calls, the group-commit batch and the SQL that wrote it.</summary>
public sealed class TraceTests(TracingFixture fixture) : ApiTestBase(fixture), IClassFixture<TracingFixture>
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SendPing_ItsTrace_GoesFromHttpThroughItsGrainCallsToTheSqlThatWroteIt()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        var traceId = ActivityTraceId.CreateRandom();
        var root = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message = "Traced?" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{root}-01");

        var response = await sender.SendAsync(request);
        await fixture.Spans.WaitForAsync(span => span.TraceId == traceId && span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore", _timeout);
        var trace = fixture.Spans.Trace(traceId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var http = Assert.Single(trace, span => span.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(root, http.ParentSpanId);
        Assert.Contains(trace, span => span.Source.Name == "Microsoft.Orleans.Application" && span.DisplayName.Contains("IUserGrain/SendPing", StringComparison.Ordinal));
        var commit = Assert.Single(trace, span => span.Source.Name == PingActorsTracing.SourceName && span.DisplayName == "history commit");
        Assert.Equal(1, commit.GetTagItem("pingactors.history.batch_size"));
        Assert.Contains(trace, span => span.Source.Name == "Npgsql" && span.ParentSpanId == commit.SpanId);
        var ids = trace.Select(span => span.SpanId).Append(root).ToHashSet();
        Assert.All(trace, span => Assert.Contains(span.ParentSpanId, ids));
    }
}
