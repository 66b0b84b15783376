using PingActors.History;

namespace PingActors.Chats;

/// <summary>What a chat grain loads when it activates: its row and its latest ping.</summary>
internal sealed record ChatSnapshot(ChatRow Chat, PingRow? LatestPing);
