using System.Net;

namespace PingActors.Api.Tests.Processes;

/// <summary>How one ping of a <see cref="PingLedger"/> settled.</summary>
/// <param name="Answers">Every answer it got, in order (status and problem type), for the failure messages.</param>
/// <param name="Waited">From its first request to the answer that settled it.</param>
internal sealed record LedgerEntry(
    int Attempt, string Sender, string Message, HttpStatusCode Status, string? ProblemType, Guid PingId, int Tries, string Answers, TimeSpan Waited);
