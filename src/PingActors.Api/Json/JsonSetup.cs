using System.Text.Json;
using System.Text.Json.Serialization;

namespace PingActors.Api.Json;

public static class JsonSetup
{
    /// <summary>
    /// camelCase, enums as their lower-case names, times in UTC, and strict reading: a field the request type
    /// does not have, a field given twice, or a number sent as a string, is a 400 rather than something quietly
    /// ignored (with a field given twice, the caller and the API could read different values).
    /// </summary>
    public static IServiceCollection AddPingActorsJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));

    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
    }
}
