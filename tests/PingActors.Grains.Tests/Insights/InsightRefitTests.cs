using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Insights;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Insights;

/// <summary>The periodic refit on a two-silo cluster: every silo takes its turn on the domain clock, and one fit is stored per interval.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InsightRefitTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Refit_OnEverySilo_StoresOneFitPerInterval()
    {
        var refitters = Fixture.Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<InsightRefitter>()).ToList();
        Assert.Equal(2, refitters.Count);
        var interval = new InsightOptions().RefitInterval;
        await RoundsAsync(refitters, Fixture.Clock.GetUtcNow() - interval);

        for (var round = 0; round < 3; round++)
        {
            var latest = await CountAsync("SELECT coalesce(max(fit_id), 0) FROM insight_fits");
            Fixture.Clock.Advance(interval);
            await RoundsAsync(refitters, Fixture.Clock.GetUtcNow());

            Assert.Equal(latest + 1, await CountAsync("SELECT coalesce(max(fit_id), 0) FROM insight_fits"));
            Assert.Equal(1L, await CountAsync("SELECT count(*) FROM insight_fits WHERE fitted_at = $1", Fixture.Clock.GetUtcNow()));
        }
    }

    [Fact]
    public async Task ModelSource_OfAnotherProcess_ReadsTheLatestFitAsItWasFitted()
    {
        var (owner, _, ping) = await NewPingAsync();
        await Chat(ping.ChatId).RespondAsync(owner, ping.PingId, "Yes.");
        var refitter = Fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<InsightRefitter>();
        var fitted = await refitter.RefitAsync(force: true) ?? throw new InvalidOperationException("The refit did not run.");
        await using var database = NpgsqlDataSource.Create(Fixture.Database.ConnectionString);

        var read = await new InsightModelSource(database, Options.Create(new InsightOptions()), TimeProvider.System).LoadAsync();

        Assert.Equal(JsonSerializer.Serialize(fitted, InsightModelSource.Json), JsonSerializer.Serialize(read, InsightModelSource.Json));
        Assert.True(read.Version > 0);
    }

    /// <summary>Waits until every silo's refitter has finished a round that began at or after <paramref name="since"/>.</summary>
    private static Task RoundsAsync(List<InsightRefitter> refitters, DateTimeOffset since) =>
        Eventually.UntilAsync(() => Task.FromResult(refitters.All(r => r.LastRound >= since)), _wait, "every silo's refit round");
}
