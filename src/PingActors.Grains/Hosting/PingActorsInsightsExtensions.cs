using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PingActors.Insights;
using PingActors.Pings;

namespace PingActors.Hosting;

/// <summary>Wires the predictions into a process.</summary>
public static class PingActorsInsightsExtensions
{
    /// <summary>
    /// The insight reads and the owner summaries of ping answers, for any process with the database (a silo, or
    /// the API as a client). The refit job runs only in silos (<see cref="AddPingActorsInsightRefits"/>).
    /// </summary>
    public static IServiceCollection AddPingActorsInsights(this IServiceCollection services)
    {
        services.AddPingActorsDatabase();
        services.AddValidatedOptions<InsightOptions, InsightOptionsValidator>(InsightOptions.Section);
        services.AddValidatedOptions<PingOptions, PingOptionsValidator>(PingOptions.Section);
        services.TryAddSingleton<InsightModelSource>();
        services.TryAddSingleton<InsightQueries>();
        services.TryAddSingleton<OwnerSummaryCache>();
        return services;
    }

    /// <summary>The periodic refit of the population model (one silo at a time fits).</summary>
    public static IServiceCollection AddPingActorsInsightRefits(this IServiceCollection services)
    {
        services.AddPingActorsInsights();
        services.TryAddSingleton<InsightRefitter>();
        services.AddHostedService(provider => provider.GetRequiredService<InsightRefitter>());
        return services;
    }
}
