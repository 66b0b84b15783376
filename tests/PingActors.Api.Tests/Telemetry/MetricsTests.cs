using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using PingActors.Operations.Telemetry;
using PingActors.Platform;

namespace PingActors.Api.Tests.Telemetry;

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Metrics_FromThisMachine_ExposeTheNamedInstruments()
    {
        var (_, owner, listingId) = await NewListingAsync();
        await NewPingAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await owner.PostAsJsonAsync("/v1/pings", new { listingId, message = "Mine" })).StatusCode);

        var response = await Fixture.Anonymous().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        foreach (var series in ExpectedSeries)
        {
            Assert.True(text.Contains(series, StringComparison.Ordinal), $"/metrics lacks {series}:{Environment.NewLine}{text}");
        }
    }

    [Fact]
    public async Task Metrics_PastTheCardinalityLimit_CountInTheInstrumentsOverflowSeries()
    {
        // A meter of a name /metrics serves (OpenTelemetry matches meters by name), with an instrument of its own.
        using var meter = new Meter(PingActorsMetrics.MeterName);
        var counter = meter.CreateCounter<long>("pingactors.test.cardinality");
        var limit = new TelemetryOptions().MetricCardinalityLimit;
        for (var key = 0; key < limit + 10; key++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("key", key));
        }

        var text = await Fixture.Anonymous().GetStringAsync("/metrics");

        var series = text.Split('\n').Where(line => line.StartsWith("pingactors_test_cardinality_total{", StringComparison.Ordinal)).ToList();
        var overflow = Assert.Single(series, line => line.Contains("otel_metric_overflow=\"true\"", StringComparison.Ordinal));
        Assert.Equal(limit, series.Count - 1);
        Assert.Equal("10", overflow[(overflow.LastIndexOf('}') + 2)..].Split(' ')[0]);
    }

    [Fact]
    public async Task Metrics_ThroughAProxy_NeedAnAdmin()
    {
        var anonymous = Proxied(Fixture.Anonymous());
        var user = Proxied(await Fixture.SignInAsync(ApiFixture.NewUser()));
        var admin = Proxied(await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin"));

        await AssertProblemAsync(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(await user.GetAsync("/metrics"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
    }

    /// <summary>Series the runbook and the Grafana dashboard rely on, from each instrumented layer.</summary>
    public static readonly string[] ExpectedSeries =
    [
        "pingactors_pings_sent_total",
        "pingactors_pings_rejected_total{",
        "reason=\"OwnListing\"",
        "pingactors_history_batch_size_bucket",
        "pingactors_history_write_wait_milliseconds_bucket",
        "pingactors_history_commit_duration_milliseconds_bucket",
        "pingactors_activation_load_duration_milliseconds_bucket{",
        "pingactors_analytics_lag_seconds",
        "pingactors_analytics_unprocessed",
        "http_server_request_duration_seconds_bucket",
        "orleans_catalog_activations",
        "orleans_app_requests_latency_milliseconds_bucket",
        "db_client_operation_duration_seconds_bucket",
        "dotnet_gc_collections_total",
    ];

    private static HttpClient Proxied(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return client;
    }
}
