using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PingActors.Api.Auth;
using PingActors.Api.Chats;
using PingActors.Api.Limits;
using PingActors.Api.Listings;
using PingActors.Api.Pings;
using PingActors.Limits;

namespace PingActors.Api.OpenApi;

/// <summary>An example of every request body, on its schema, so the reference and generated clients show a valid one.</summary>
internal sealed class RequestExamples : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, Func<JsonSerializerOptions, JsonNode>> _examples = new()
    {
        [typeof(SendPingRequest)] = _ => new JsonObject { ["listingId"] = "0192f3a4-1111-7d8e-9f00-112233445566", ["message"] = "Is it still for sale?" },
        [typeof(SendPingBatchRequest)] = _ => new JsonObject
        {
            ["items"] = new JsonArray(
                new JsonObject { ["listingId"] = "0192f3a4-1111-7d8e-9f00-112233445566", ["message"] = "Is it still for sale?" },
                new JsonObject { ["listingId"] = "0192f3a4-2222-7d8e-9f00-112233445566", ["message"] = "Would you take 200?" }),
        },
        [typeof(RespondRequest)] = _ => new JsonObject { ["message"] = "Yes! Come by tomorrow." },
        [typeof(PutListingRequest)] = _ => new JsonObject { ["title"] = "Road bike, 56 cm" },
        [typeof(PostMessageRequest)] = _ => new JsonObject { ["text"] = "See you at six.", ["clientMessageId"] = "m-42" },
        [typeof(MarkReadRequest)] = _ => new JsonObject { ["seq"] = 2 },
        [typeof(SetLimitRequest)] = _ => new JsonObject { ["dailyLimit"] = 100 },
        [typeof(SetCooldownRequest)] = _ => new JsonObject { ["until"] = "2026-12-01T12:00:00Z" },
        [typeof(PutLimitPoliciesRequest)] = options => new JsonObject
        {
            ["enforced"] = JsonSerializer.SerializeToNode(new LimitPolicy(), options),
            ["candidate"] = JsonSerializer.SerializeToNode(new LimitPolicy { OnePendingPerOwner = true }, options),
            ["candidateRolloutPercent"] = 10,
            ["expectedVersion"] = 3,
        },
        [typeof(DevTokenRequest)] = _ => new JsonObject { ["username"] = "alice", ["roles"] = new JsonArray() },
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (_examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [example(context.JsonTypeInfo.Options)];
        }

        return Task.CompletedTask;
    }
}
