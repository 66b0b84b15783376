using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using PingActors.Analytics;
using PingActors.Chats;
using PingActors.History;
using PingActors.Limits;
using PingActors.Notifications;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;
using PingActors.Owners;
using PingActors.Users;

namespace PingActors.Hosting;

/// <summary>Wires PingActors into a silo.</summary>
public static class PingActorsSiloExtensions
{
    /// <summary>
    /// Adds the grains' storage, the history data layer and the options. Clustering is separate
    /// (<see cref="UsePingActorsClustering(ISiloBuilder)"/>) because the test cluster brings its own.
    /// </summary>
    public static ISiloBuilder AddPingActors(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddPingActorsDatabase();
        services.AddPingActorsDirectoryCache();

        // Grain state is small and written rarely. The Orleans binary serializer keeps it compact and
        // version-tolerant through the [Id]s on each state class, and stores no CLR type names.
        foreach (var name in (string[])[StorageNames.Users, StorageNames.Listings, StorageNames.Chats])
        {
            silo.AddAdoNetGrainStorage(name, options => options.Configure<NpgsqlDataSource, Serializer>((storage, database, serializer) =>
            {
                storage.Invariant = AdoNetInvariant;
                storage.DataSource = database;
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }

        services.AddValidatedOptions<PingOptions, PingOptionsValidator>(PingOptions.Section);
        services.AddValidatedOptions<GroupCommitOptions, GroupCommitOptionsValidator>(GroupCommitOptions.Section);

        services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        services.TryAddSingleton<AllowanceCalendar>();
        services.AddSingleton<SenderHistoryLoader>();
        services.AddSingleton<OwnerHistoryLoader>();
        services.AddPingActorsLimits();
        services.AddSingleton<ChatLoader>();
        services.AddSingleton<ChatOpener>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WritePathLoad>();
        // Every committed batch's events go to the notification directory, for the streams of their recipients.
        services.AddSingleton<IEventPublisher>(provider => new StreamPublisher(
            provider.GetRequiredService<IGrainFactory>(), provider.GetRequiredKeyedService<TimeProvider>(DomainClock.Key),
            provider.GetRequiredService<ILogger<StreamPublisher>>()));
        services.AddSingleton(provider => new HistoryWriter(
            provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceNames.History), provider.GetRequiredService<WritePathLoad>(),
            provider.GetRequiredService<IOptions<GroupCommitOptions>>(), provider.GetRequiredService<ILogger<HistoryWriter>>(),
            provider.GetRequiredService<IEventPublisher>()));
        services.AddSingleton<ChatQueries>();
        services.AddSingleton<PingQueries>();

        // Database failures reach callers as StorageUnavailableException: the driver's exceptions cannot cross the wire.
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();

        services.AddPingActorsAnalytics();
        services.AddSingleton<AnalyticsWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<AnalyticsWorker>());
        services.AddHostedService<ExpirySweeper>();
        services.AddPingActorsInsightRefits();
        return silo;
    }

    /// <summary>
    /// The analytics reads and the rebuild, for any process with the database (a silo, or the API as a client).
    /// The workers and the expiry sweeper run only in silos (<see cref="AddPingActors"/>).
    /// </summary>
    public static IServiceCollection AddPingActorsAnalytics(this IServiceCollection services)
    {
        services.AddPingActorsDatabase();
        services.AddValidatedOptions<AnalyticsOptions, AnalyticsOptionsValidator>(AnalyticsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        services.TryAddSingleton<AnalyticsProcessor>();
        services.TryAddSingleton<AnalyticsRebuilder>();
        services.TryAddSingleton<AnalyticsQueries>();
        services.AddPingActorsInsights();
        return services;
    }

    /// <summary>
    /// What a process that serves streams reads (a silo, or the API as a client): the outbox by position, and the
    /// allowance calendar (a stream tells its user when their allowance resets).
    /// </summary>
    public static IServiceCollection AddPingActorsStreamReads(this IServiceCollection services)
    {
        services.AddPingActorsDatabase();
        services.AddValidatedOptions<PingOptions, PingOptionsValidator>(PingOptions.Section);
        services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        services.TryAddSingleton<AllowanceCalendar>();
        services.TryAddSingleton<StreamQueries>();
        return services;
    }

    /// <summary>The ADO.NET provider name of PostgreSQL, for grain storage and clustering alike.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// The limit policies (stored, versioned, read by every process every few seconds) and the shadow summary, for any
    /// process with the database: a silo decides with them, the API shows and changes them.
    /// </summary>
    public static IServiceCollection AddPingActorsLimits(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(LimitPolicies)))
        {
            return services;
        }

        services.AddPingActorsDatabase();
        services.AddValidatedOptions<PingOptions, PingOptionsValidator>(PingOptions.Section);
        services.AddValidatedOptions<LimitOptions, LimitOptionsValidator>(LimitOptions.Section);
        services.AddSingleton<LimitPolicyStore>();
        services.AddSingleton<ShadowQueries>();
        services.AddSingleton<LimitPolicies>();
        services.AddHostedService(provider => provider.GetRequiredService<LimitPolicies>());
        return services;
    }

    /// <summary>Joins the cluster whose membership lives in the PingActors database.</summary>
    public static ISiloBuilder UsePingActorsClustering(this ISiloBuilder silo) =>
        silo.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>((clustering, database) =>
            (clustering.Invariant, clustering.DataSource) = (AdoNetInvariant, database)))
            .ConfigureServices(services => services.AddPingActorsDatabase());

    /// <summary>Finds the cluster through the membership table in the PingActors database.</summary>
    public static IClientBuilder UsePingActorsClustering(this IClientBuilder client) =>
        client.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>((clustering, database) =>
            (clustering.Invariant, clustering.DataSource) = (AdoNetInvariant, database)))
            .ConfigureServices(services => services.AddPingActorsDatabase());

    /// <summary>
    /// Registers the process's <see cref="NpgsqlDataSource"/>s: the one requests and grains share, a small one keyed
    /// <see cref="DataSourceNames.Background"/> for background work (event workers, the expiry sweeper, rebuilds), so
    /// that work can never take the connections the ping path needs, and the history writer's own, keyed
    /// <see cref="DataSourceNames.History"/>, and the activation loaders' (<see cref="DataSourceNames.Loads"/>), which
    /// keep their batches on the same few server processes.
    /// </summary>
    public static IServiceCollection AddPingActorsDatabase(this IServiceCollection services)
    {
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);

        // A database failure can escape where no grain code catches it (a grain's activation reading its state):
        // it must still reach the caller as what it is, not as a serializer error.
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add(nameof(Npgsql)));
        services.TryAddSingleton(provider => BuildDataSource(provider, DataSourceNames.Foreground, maxPoolSize: null));
        services.TryAddKeyedSingleton(DataSourceNames.Background, (provider, _) => BuildDataSource(provider, DataSourceNames.Background, maxPoolSize: 8));
        services.TryAddKeyedSingleton(DataSourceNames.History, (provider, _) => BuildDataSource(
            provider, DataSourceNames.History, maxPoolSize: provider.GetRequiredService<IOptions<GroupCommitOptions>>().Value.MaxConcurrentBatches + 1));
        services.TryAddKeyedSingleton(DataSourceNames.Loads, (provider, _) => BuildDataSource(
            provider, DataSourceNames.Loads, maxPoolSize: SenderHistoryLoader.Concurrency + OwnerHistoryLoader.Concurrency + ChatLoader.Concurrency));
        return services;
    }

    private static NpgsqlDataSource BuildDataSource(IServiceProvider provider, string name, int? maxPoolSize)
    {
        var builder = new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Postgres) { Name = name };
        var settings = builder.ConnectionStringBuilder;
        // The hot statements run thousands of times a second: prepare them once per connection. Nothing
        // relies on session state, so returning a connection to the pool needs no reset round trip.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        settings.NoResetOnClose = true;
        settings.ApplicationName ??= name;
        if (maxPoolSize is { } max)
        {
            settings.MaxPoolSize = Math.Min(settings.MaxPoolSize, max);
        }

        // The batch statements take arrays whose length changes with every batch; PostgreSQL would plan them
        // anew each time (their "custom" plans look cheaper) at a cost far above running them. Our plans do
        // not depend on the values, so plan once.
        settings.Options = $"{settings.Options} -c plan_cache_mode=force_generic_plan".Trim();
        builder.UseLoggerFactory(provider.GetService<ILoggerFactory>());
        return builder.Build();
    }
}
