using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PingActors.Pings;

namespace PingActors.Api.Tests.Pings;

/// <summary>A ping status reads the same in the database, in the list query and in the API's JSON.</summary>
[Collection(ApiCollection.Name)]
public sealed class PingStatusTextTests(ApiFixture fixture)
{
    public static TheoryData<PingStatus> Statuses => [.. Enum.GetValues<PingStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Status_InTheApisJson_IsItsText(PingStatus status)
    {
        var json = fixture.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        Assert.Equal($"\"{status.ToText()}\"", JsonSerializer.Serialize(status, json));
        Assert.True(PingStatusText.TryParse(status.ToText(), out var parsed) && parsed == status);
    }
}
