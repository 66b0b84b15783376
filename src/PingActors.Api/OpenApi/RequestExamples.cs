using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PingActors.Api.Auth;
using PingActors.Api.Chats;
using PingActors.Api.Limits;
using PingActors.Api.Listings;
using PingActors.Api.Pings;

namespace PingActors.Api.OpenApi;

/// <summary>An example of every request body, on its schema, so the reference and generated clients show a valid one.</summary>
internal sealed class RequestExamples : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, Func<JsonNode>> _examples = new()
    {
        [typeof(SendPingRequest)] = () => new JsonObject { ["listingId"] = "0192f3a4-1111-7d8e-9f00-112233445566", ["message"] = "Is it still for sale?" },
        [typeof(SendPingBatchRequest)] = () => new JsonObject
        {
            ["items"] = new JsonArray(
                new JsonObject { ["listingId"] = "0192f3a4-1111-7d8e-9f00-112233445566", ["message"] = "Is it still for sale?" },
                new JsonObject { ["listingId"] = "0192f3a4-2222-7d8e-9f00-112233445566", ["message"] = "Would you take 200?" }),
        },
        [typeof(RespondRequest)] = () => new JsonObject { ["message"] = "Yes! Come by tomorrow." },
        [typeof(PutListingRequest)] = () => new JsonObject { ["title"] = "Road bike, 56 cm" },
        [typeof(PostMessageRequest)] = () => new JsonObject { ["text"] = "See you at six.", ["clientMessageId"] = "m-42" },
        [typeof(MarkReadRequest)] = () => new JsonObject { ["seq"] = 2 },
        [typeof(SetLimitRequest)] = () => new JsonObject { ["dailyLimit"] = 100 },
        [typeof(SetCooldownRequest)] = () => new JsonObject { ["until"] = "2026-12-01T12:00:00Z" },
        [typeof(DevTokenRequest)] = () => new JsonObject { ["username"] = "alice", ["roles"] = new JsonArray() },
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (_examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [example()];
        }

        return Task.CompletedTask;
    }
}
