using Microsoft.OpenApi;
using PingActors.Api.Problems;

namespace PingActors.Api.OpenApi;

/// <summary>The shape of every problem the API sends (RFC 9457), as the OpenAPI document's <c>Problem</c> and <c>ValidationProblem</c>.</summary>
internal static class ProblemSchemas
{
    public static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = $"An error, as application/problem+json. `type` is {ProblemTypes.BaseUri}<slug>; the slug is the stable part to act on.",
        Required = new HashSet<string> { "type", "title", "status" },
        Properties = Members(),
        AdditionalPropertiesAllowed = true,
    };

    public static OpenApiSchema ValidationProblem()
    {
        var members = Members();
        members["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The fields at fault, each with what is wrong with it.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Bad input: which fields, and why. Nothing was changed.",
            Required = new HashSet<string> { "type", "title", "status", "errors" },
            Properties = members,
            AdditionalPropertiesAllowed = true,
        };
    }

    private static Dictionary<string, IOpenApiSchema> Members() => new()
    {
        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "What went wrong, as a URI ending in its slug." },
        ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The same for every problem of this type." },
        ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "This occurrence, for people." },
        ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path that was requested." },
        ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's W3C trace id, to find it in logs and traces." },
        ["retryAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "For a limit or a cooldown: when pinging is possible again." },
        ["pingId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "For `ping-already-pending` and `ping-not-pending`: the ping concerned." },
        ["pingStatus"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For `ping-not-pending`: the ping's status now." },
    };
}
