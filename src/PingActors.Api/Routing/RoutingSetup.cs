using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PingActors.Api.Routing;

public static class RoutingSetup
{
    /// <summary>Routing rules beyond the framework's: a literal route's wrong method is a 405 (<see cref="LiteralSegmentsFirst"/>).</summary>
    public static IServiceCollection AddPingActorsRouting(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Routing.MatcherPolicy, LiteralSegmentsFirst>());
        return services;
    }
}
