using PingActors.Hosting;

namespace PingActors.Api.Notifications;

public static class StreamSetup
{
    /// <summary>The event stream: this process's connections and their upkeep, the outbox reads, and tickets.</summary>
    public static IServiceCollection AddPingActorsStream(this IServiceCollection services)
    {
        services.AddValidatedOptions<StreamOptions, StreamOptionsValidator>(StreamOptions.Section);
        services.AddPingActorsStreamReads();
        services.AddSingleton<StreamSequencer>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<StreamTickets>();
        services.AddHostedService<StreamUpkeep>();
        return services;
    }
}
