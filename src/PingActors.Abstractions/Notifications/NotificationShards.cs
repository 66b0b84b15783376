using System.Text;

namespace PingActors.Notifications;

/// <summary>How users are spread over the notification directory's shards. Every process computes it the same way.</summary>
public static class NotificationShards
{
    /// <summary>A few shards: each publish round costs one call per shard with events, whatever the load.</summary>
    public const int Count = 8;

    /// <summary>The shard of <paramref name="user"/>: FNV-1a of the name (string hash codes differ between processes).</summary>
    public static int Of(string user)
    {
        var hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(user))
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash % Count);
    }
}
