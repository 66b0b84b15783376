using Microsoft.OpenApi;
using PingActors.Api.Idempotency;

namespace PingActors.Api.OpenApi;

public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// <c>/openapi/v1.json</c>, built from the typed endpoints, with the bearer scheme on every <c>/v1</c> route
    /// and the <c>Idempotency-Key</c> header where an endpoint honours it.
    /// </summary>
    public static IServiceCollection AddPingActorsOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PingActors",
                Version = "v1",
                Description = "Marketplace pings: contact a listing's owner, chat, and keep to a daily allowance. "
                    + "Every error is application/problem+json with a stable `type`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An HS256 token whose `sub` is your username; `role` may hold `admin` and `service`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any()
                || context.Description.RelativePath?.StartsWith("v1", StringComparison.Ordinal) != true)
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            if (metadata.OfType<IdempotencyMetadata>().FirstOrDefault() is { } idempotency)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyFilter.Header,
                    In = ParameterLocation.Header,
                    Required = idempotency.Required,
                    Description = "Repeating a request with the same key (and body) replays the first answer and creates nothing. Kept 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                });
            }

            return Task.CompletedTask;
        });
    });
}
