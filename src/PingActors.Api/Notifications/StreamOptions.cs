using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PingActors.Api.Notifications;

/// <summary>The event stream of <c>GET /v1/stream</c> (configuration section <c>Stream</c>).</summary>
public sealed class StreamOptions
{
    public const string Section = "Stream";

    /// <summary>How long a connection may stay silent before it gets a heartbeat (a comment line), so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Items a connection may have waiting for its client; a client that lets more pile up is cut off (it resumes from the outbox).</summary>
    [Range(4, 100_000)]
    public int BufferSize { get; set; } = 256;

    /// <summary>
    /// How often every connection of this process is checked against the outbox, in one query: an event whose live
    /// delivery was lost (a silo died between its commit and its publish) reaches its client within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often this process renews its users' subscriptions in the notification directory (each lasts three times this).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SubscriptionRefresh { get; set; } = TimeSpan.FromSeconds(30);
}

[OptionsValidator]
internal sealed partial class StreamOptionsValidator : IValidateOptions<StreamOptions>;
