using PingActors.Api.Idempotency;

namespace PingActors.Api.Pings;

/// <summary>A ping to send.</summary>
/// <param name="ListingId">The listing to ping about.</param>
/// <param name="Message">The ping's text: 1 to 1,000 characters once trimmed.</param>
public sealed record SendPingRequest(Guid? ListingId, string? Message) : IRequestBody
{
    public Dictionary<string, string[]> Validate(string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        if (ListingId is null)
        {
            errors[$"{prefix}listingId"] = ["A listingId is required."];
        }

        if (Message is null)
        {
            errors[$"{prefix}message"] = ["A message is required."];
        }

        return errors;
    }
}

/// <summary>Several pings to send in one request, processed in order.</summary>
/// <param name="Items">1 to 50 pings.</param>
public sealed record SendPingBatchRequest(IReadOnlyList<SendPingRequest>? Items) : IRequestBody
{
    public const int MaxItems = 50;
}

/// <summary>A reply to a ping.</summary>
/// <param name="Message">The reply: 1 to 1,000 characters once trimmed.</param>
public sealed record RespondRequest(string? Message) : IRequestBody;
