using PingActors.Pings;

namespace PingActors.Api.Pings;

/// <summary>
/// Structured events of the ping routes: every one names the ping and its chat. They are Debug: one per request
/// would cost every ping a console write at the default level, and the metrics already count what they record.
/// Turn them on for a while with <c>Logging:LogLevel:PingActors.Api.Pings=Debug</c>.
/// </summary>
internal sealed partial class PingLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Ping {PingId} sent by {Sender} about listing {ListingId} in chat {ChatId}")]
    public static partial void Sent(ILogger logger, Guid pingId, string sender, Guid listingId, Guid chatId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ping {PingId} from {Sender} about listing {ListingId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, Guid pingId, string sender, Guid listingId, SendPingOutcome reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ping {PingId} in chat {ChatId} {Action} by {Actor}")]
    public static partial void Acted(ILogger logger, Guid pingId, Guid chatId, string action, string actor);
}
