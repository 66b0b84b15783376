using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PingActors.Testing;
using PingActors.Testing.Processes;

namespace PingActors.Api.Tests.Telemetry;

/// <summary>The provisioned Grafana dashboard asks only for series the hosts' <c>/metrics</c> serves.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class DashboardTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private static readonly string _dashboard = Path.Combine(Repository.Root, "deploy", "observability", "grafana", "dashboards", "pingactors.json");

    // Functions, aggregations and keywords of PromQL that the dashboard uses; any other name is a series.
    private static readonly HashSet<string> _promQl = ["sum", "max", "min", "avg", "rate", "histogram_quantile", "by", "without", "on", "ignoring"];

    // Labels Prometheus adds when it scrapes, and the bucket bound every histogram has.
    private static readonly HashSet<string> _scrapeLabels = ["le", "instance", "job"];

    [Fact]
    public async Task Dashboard_EverySeriesAndLabelItQueries_IsServedAtMetrics()
    {
        var queries = Queries().ToList();
        var text = await ScrapeAfterEveryKindOfActivityAsync();

        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            foreach (var series in SeriesIn(query))
            {
                Assert.True(Regex.IsMatch(text, $"^{Regex.Escape(series)}[{{ ]", RegexOptions.Multiline), $"'{series}' (in {query}) is not served at /metrics");
            }

            foreach (var label in LabelsIn(query).Where(label => !_scrapeLabels.Contains(label)))
            {
                Assert.True(text.Contains($"{label}=\"", StringComparison.Ordinal), $"label '{label}' (in {query}) is not served at /metrics");
            }
        }
    }

    /// <summary>Every PromQL expression of every panel.</summary>
    private static IEnumerable<string> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(_dashboard));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)];
    }

    private static IEnumerable<string> SeriesIn(string query)
    {
        var bare = LabelMatchers().Replace(Ranges().Replace(Grouping().Replace(query, ""), ""), "");
        return Identifiers().Matches(bare).Select(m => m.Groups[1].Value).Where(name => !_promQl.Contains(name) && !IsFunction(bare, name));
    }

    private static bool IsFunction(string query, string name) => Regex.IsMatch(query, $@"\b{Regex.Escape(name)}\s*\(");

    private static IEnumerable<string> LabelsIn(string query) =>
        Grouping().Matches(query).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Concat(LabelMatchers().Matches(query).SelectMany(m => Matcher().Matches(m.Value).Select(label => label.Groups[1].Value)));

    /// <summary>
    /// /metrics after a ping, a refusal, a ping a candidate policy in shadow would have refused and an analytics
    /// batch, so every instrument has recorded something.
    /// </summary>
    private async Task<string> ScrapeAfterEveryKindOfActivityAsync()
    {
        await using var signals = await DatabaseSignals.ListenAsync(Fixture.Database.ConnectionString, "pingactors_analytics");
        var (_, owner, listingId) = await NewListingAsync();
        await NewPingAsync();
        await owner.PostAsJsonAsync("/v1/pings", new { listingId, message = "My own" });
        await WithACandidateThatRefusesEverythingAsync(NewPingAsync);
        var text = "";
        await signals.UntilAsync(async () =>
        {
            text = await (await Fixture.Anonymous().GetAsync("/metrics")).Content.ReadAsStringAsync();
            return text.Contains("pingactors_analytics_events_applied_total", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "an analytics batch");
        return text;
    }

    /// <summary>Runs <paramref name="act"/> with a candidate policy in shadow (a cap of 0, deciding for no one), then puts the policies back.</summary>
    private async Task WithACandidateThatRefusesEverythingAsync(Func<Task> act)
    {
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        var before = await JsonAsync(await admin.GetAsync("/v1/admin/limits/policy"));
        var changed = await admin.PutAsJsonAsync("/v1/admin/limits/policy", new { enforced = before.GetProperty("enforced"), candidate = new { standardCap = 0 } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        try
        {
            await act();
        }
        finally
        {
            await admin.PutAsJsonAsync("/v1/admin/limits/policy", new { enforced = before.GetProperty("enforced") });
        }
    }

    [GeneratedRegex(@"\b(?:by|without)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex Identifiers();
}
