using System.Net;

namespace PingActors.Api.Tests.Processes;

/// <summary>How one ping of a <see cref="PingLedger"/> settled.</summary>
internal sealed record LedgerEntry(int Attempt, string Sender, string Message, HttpStatusCode Status, string? ProblemType, Guid PingId, int Tries);
