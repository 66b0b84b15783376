namespace PingActors.Chats;

/// <summary>How moving a read cursor went.</summary>
public enum MarkReadOutcome
{
    /// <summary>The cursor is at the given <c>seq</c> or beyond (cursors never move back).</summary>
    Done,

    /// <summary>No such chat, or the viewer is not in it.</summary>
    NotFound,

    /// <summary>The <c>seq</c> is negative or past the chat's last message.</summary>
    SeqOutOfRange,
}
