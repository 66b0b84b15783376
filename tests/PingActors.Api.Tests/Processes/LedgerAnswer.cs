using System.Diagnostics;
using System.Net;

namespace PingActors.Api.Tests.Processes;

/// <summary>One answer the client got, at a <see cref="Stopwatch"/> timestamp.</summary>
internal sealed record LedgerAnswer(HttpStatusCode Status, string? ProblemType, bool HasRetryAfter, long At);
