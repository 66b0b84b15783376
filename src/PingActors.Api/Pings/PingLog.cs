using PingActors.Pings;

namespace PingActors.Api.Pings;

/// <summary>Structured logs of the ping routes: every line names the ping and its chat.</summary>
internal sealed partial class PingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Ping {PingId} sent by {Sender} about listing {ListingId} in chat {ChatId}")]
    public static partial void Sent(ILogger logger, Guid pingId, string sender, Guid listingId, Guid chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ping {PingId} from {Sender} about listing {ListingId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, Guid pingId, string sender, Guid listingId, SendPingOutcome reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ping {PingId} in chat {ChatId} {Action} by {Actor}")]
    public static partial void Acted(ILogger logger, Guid pingId, Guid chatId, string action, string actor);
}
