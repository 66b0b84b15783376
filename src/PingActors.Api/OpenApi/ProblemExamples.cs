using System.Text.Json.Nodes;
using PingActors.Api.Problems;
using PingActors.Limits;

namespace PingActors.Api.OpenApi;

/// <summary>A problem as the API sends it, for the OpenAPI document's examples.</summary>
internal static class ProblemExamples
{
    /// <summary>The rule each refusal of the limits names in <c>limit</c> (the entry of the RateLimit fields that refused).</summary>
    private static readonly Dictionary<string, string> _rules = new()
    {
        [ProblemTypes.DailyLimitExceeded] = LimitNames.Daily,
        [ProblemTypes.CooldownActive] = LimitNames.Cooldown,
        [ProblemTypes.OwnerBusy] = LimitNames.Owner,
        [ProblemTypes.TooManyPending] = LimitNames.Pending,
        [ProblemTypes.RecentlyDeclined] = LimitNames.Declined,
        [ProblemTypes.PendingWithOwner] = LimitNames.OnePerOwner,
    };

    public static JsonObject For(string slug, string? path)
    {
        var (status, title) = ApiProblems.Describe(slug);
        var example = new JsonObject
        {
            ["type"] = ProblemTypes.Uri(slug),
            ["title"] = title,
            ["status"] = status,
            ["instance"] = "/" + (path ?? "").Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal),
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        switch (slug)
        {
            case ProblemTypes.Validation:
                example["errors"] = new JsonObject { ["message"] = new JsonArray("A message is required.") };
                break;
            case ProblemTypes.InvalidMessage:
                example["errors"] = new JsonObject { ["message"] = new JsonArray("A message is 1 to 1,000 characters once trimmed.") };
                break;
            case var refusal when ResponseHeaders.IsLimitRefusal(refusal):
                example["limit"] = _rules[refusal];
                example["retryAt"] = "2026-12-01T00:00:00Z";
                break;
            case ProblemTypes.PingAlreadyPending:
                example["pingId"] = "0192f3a4-5b6c-7d8e-9f00-112233445566";
                break;
            case ProblemTypes.PingNotPending:
                example["pingId"] = "0192f3a4-5b6c-7d8e-9f00-112233445566";
                example["pingStatus"] = "responded";
                break;
        }

        return example;
    }
}
