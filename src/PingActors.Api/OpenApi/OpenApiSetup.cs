using Microsoft.OpenApi;
using PingActors.Api.Idempotency;
using Scalar.AspNetCore;

namespace PingActors.Api.OpenApi;

public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// <c>/openapi/v1.json</c>, built from the typed endpoints: the bearer scheme on every <c>/v1</c> route, the
    /// <c>Idempotency-Key</c> header where an endpoint honours it, every problem each route answers with
    /// (<see cref="ProblemResponses"/>) and the headers a client acts on (<see cref="ResponseHeaders"/>), so a client
    /// generated from it handles every answer.
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
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemResponses.ProblemSchema] = ProblemSchemas.Problem();
            document.Components.Schemas[ProblemResponses.ValidationProblemSchema] = ProblemSchemas.ValidationProblem();
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer<RequestExamples>();
        options.AddOperationTransformer<OperationSummaries>();
        options.AddOperationTransformer<ProblemResponses>();
        options.AddOperationTransformer<ResponseHeaders>();
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

    /// <summary>
    /// <c>/docs</c>: the Scalar reference of the document, without what would send the document, or the reader, to
    /// a third party (the AI agent, MCP, telemetry, the developer toolbar with "Deploy" and "Generate SDK").
    /// </summary>
    public static IEndpointConventionBuilder MapPingActorsApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference("/docs", options => options
            .WithTitle("PingActors API")
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .AddPreferredSecuritySchemes(BearerScheme)).AllowAnonymous();
}
