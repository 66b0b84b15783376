namespace PingActors.Storage;

/// <summary>The names of the grain storage providers, in one place.</summary>
public static class StorageNames
{
    /// <summary>Allowance overrides and cooldowns.</summary>
    public const string Users = "users";

    /// <summary>Listings.</summary>
    public const string Listings = "listings";

    /// <summary>Chat read cursors.</summary>
    public const string Chats = "chats";
}
