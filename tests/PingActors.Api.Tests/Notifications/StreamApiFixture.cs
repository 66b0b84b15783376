namespace PingActors.Api.Tests.Notifications;

/// <summary>The single-node API with its stream's upkeep quick enough for a test to see heartbeats and full checks.</summary>
public sealed class StreamApiFixture() : ApiFixture(new Dictionary<string, string>
{
    ["Stream:HeartbeatInterval"] = "00:00:00.300",
    ["Stream:ReconcileInterval"] = "00:00:00.300",
});

[CollectionDefinition(Name)]
public sealed class StreamApiCollection : ICollectionFixture<StreamApiFixture>
{
    public const string Name = "stream-api";
}
