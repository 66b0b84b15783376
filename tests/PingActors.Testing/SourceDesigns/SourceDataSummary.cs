namespace PingActors.Testing.SourceDesigns;

/// <summary>How many rows <see cref="SourceDataWriter"/> wrote into each table.</summary>
public sealed record SourceDataSummary(long Pings = 0, long Chats = 0, long Messages = 0, long Limits = 0)
{
    public SourceDataSummary Add(SourceDataSummary other) =>
        new(Pings + other.Pings, Chats + other.Chats, Messages + other.Messages, Limits + other.Limits);
}
