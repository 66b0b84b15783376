namespace PingActors.Import.GrainState;

/// <summary>A row of <c>OrleansStorage</c> as Orleans' ADO.NET provider writes it: the grain's key in its columns and the serialized state.</summary>
/// <param name="Key">The grain's own key as text (a listing id, a username), for the import's bookkeeping.</param>
public sealed record GrainStateRow(
    string Key, int GrainIdHash, long GrainIdN0, long GrainIdN1, int GrainTypeHash, string GrainTypeString, string? GrainIdExtensionString, string ServiceId, byte[] Payload);
