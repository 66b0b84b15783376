using PingActors.Api.Problems;

namespace PingActors.Api.Idempotency;

public static class IdempotencySetup
{
    public static IServiceCollection AddPingActorsIdempotency(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotencyFilter>();
        services.AddSingleton<IdempotencySettler>();
        services.AddHostedService(provider => provider.GetRequiredService<IdempotencySettler>());
        services.AddHostedService<IdempotencyPurger>();
        return services;
    }

    /// <summary>Makes the endpoint honour <c>Idempotency-Key</c>; <paramref name="required"/> refuses requests without one.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder endpoint, bool required = false) => endpoint
        .WithMetadata(new IdempotencyMetadata(required))
        .ProducesProblems(ProblemTypes.Validation, ProblemTypes.IdempotencyKeyReused, ProblemTypes.IdempotencyKeyInFlight)
        .AddEndpointFilter((context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<IdempotencyFilter>().InvokeAsync(context, next, required));
}

/// <summary>Endpoint metadata: this endpoint takes an Idempotency-Key (the OpenAPI document lists the header).</summary>
public sealed record IdempotencyMetadata(bool Required);
