namespace PingActors.Analytics;

/// <summary>What a worker reads before it decides.</summary>
internal enum LagReading
{
    /// <summary>Its last reading is recent enough.</summary>
    None,

    /// <summary>The age of the oldest waiting event.</summary>
    Lag,

    /// <summary>The age of the oldest waiting event and how many wait.</summary>
    Backlog,
}
