namespace PingActors.Storage;

/// <summary>The names of the grain storage providers, in one place.</summary>
public static class StorageNames
{
    /// <summary>Allowance overrides and cooldowns set before they moved into <c>user_limits</c> (read only).</summary>
    public const string Users = "users";

    /// <summary>Listings.</summary>
    public const string Listings = "listings";

    /// <summary>Chat read cursors kept before they moved into the chat's row (read only).</summary>
    public const string Chats = "chats";
}
