namespace PingActors.Pings;

/// <summary>Which of a user's pings to list.</summary>
public enum PingBox
{
    /// <summary>The pings the user sent.</summary>
    Sent,

    /// <summary>The pings the user received as a listing owner.</summary>
    Received,
}
