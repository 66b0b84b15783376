using System.Diagnostics;

namespace PingActors.Platform;

/// <summary>
/// The silo's own spans, under the activity source <c>PingActors</c>: the work a grain call does not run itself, such as
/// the group-commit batch that writes its rows.
/// </summary>
public static class PingActorsTracing
{
    public const string SourceName = "PingActors";

    internal static readonly ActivitySource Source = new(SourceName);
}
