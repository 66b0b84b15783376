using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using PingActors.Chats;
using PingActors.Pings;
using PingActors.Storage;
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

        // Grain state is small and written rarely. The Orleans binary serializer keeps it compact and
        // version-tolerant through the [Id]s on each state class, and stores no CLR type names.
        foreach (var name in (string[])[StorageNames.Users, StorageNames.Listings, StorageNames.Chats])
        {
            silo.AddAdoNetGrainStorage(name, options => options.Configure<NpgsqlDataSource, Serializer>((storage, database, serializer) =>
            {
                storage.Invariant = "Npgsql";
                storage.DataSource = database;
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }

        services.AddValidatedOptions<PingOptions, PingOptionsValidator>(PingOptions.Section);
        services.AddValidatedOptions<GroupCommitOptions, GroupCommitOptionsValidator>(GroupCommitOptions.Section);

        services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        services.AddSingleton<AllowanceCalendar>();
        services.AddSingleton<AllowanceLoader>();
        services.AddSingleton<ChatLoader>();
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<ChatQueries>();
        services.AddSingleton<PingQueries>();
        return silo;
    }

    /// <summary>Joins the cluster whose membership lives in the PingActors database.</summary>
    public static ISiloBuilder UsePingActorsClustering(this ISiloBuilder silo)
    {
        silo.Services.AddPingActorsDatabase();
        return silo.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>((clustering, database) =>
        {
            clustering.Invariant = "Npgsql";
            clustering.DataSource = database;
        }));
    }

    /// <summary>Finds the cluster through the membership table in the PingActors database.</summary>
    public static IClientBuilder UsePingActorsClustering(this IClientBuilder client)
    {
        client.Services.AddPingActorsDatabase();
        return client.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>((clustering, database) =>
        {
            clustering.Invariant = "Npgsql";
            clustering.DataSource = database;
        }));
    }

    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> everything in the process shares.</summary>
    public static IServiceCollection AddPingActorsDatabase(this IServiceCollection services)
    {
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        services.TryAddSingleton(provider =>
        {
            var builder = new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Postgres);
            var settings = builder.ConnectionStringBuilder;
            // The hot statements run thousands of times a second: prepare them once per connection. Nothing
            // relies on session state, so returning a connection to the pool needs no reset round trip.
            if (settings.MaxAutoPrepare == 0)
            {
                settings.MaxAutoPrepare = 64;
            }

            settings.NoResetOnClose = true;
            // The batch statements take arrays whose length changes with every batch; PostgreSQL would plan them
            // anew each time (their "custom" plans look cheaper) at a cost far above running them. Our plans do
            // not depend on the values, so plan once.
            settings.Options = $"{settings.Options} -c plan_cache_mode=force_generic_plan".Trim();
            builder.UseLoggerFactory(provider.GetService<ILoggerFactory>());
            return builder.Build();
        });
        return services;
    }
}
