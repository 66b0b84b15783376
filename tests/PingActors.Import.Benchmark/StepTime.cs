using System.Globalization;
using System.Text.RegularExpressions;

namespace PingActors.Import.Benchmark;

/// <summary>One step of an import run and the seconds it took, as its plain progress line ends it.</summary>
internal sealed partial record StepTime(string Step, double Seconds)
{
    /// <summary>The step a line like <c>Moving chats, pings and messages: done, 20 chats in 1.2 s</c> ends; null for any other line.</summary>
    public static StepTime? Parse(string line) => Done().Match(line) is { Success: true } match
        ? new StepTime(match.Groups["step"].Value, double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture))
        : null;

    [GeneratedRegex(@"^(?<step>.+?): done(, [\d,]+ [a-z]+)? in (?<seconds>\d+(\.\d+)?) s$")]
    private static partial Regex Done();
}
