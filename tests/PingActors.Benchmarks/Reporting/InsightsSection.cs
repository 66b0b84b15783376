using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The report's sections on the insights: the ground truth's targets, scores and deciles and its chart; the reads alone and under load.</summary>
internal static class InsightsSection
{
    public static void Append(StringBuilder md, BenchmarkReport report, string calibrationChart)
    {
        if (report.GroundTruth is { } truth)
        {
            md.AppendLine();
            md.AppendLine("## Insights against a synthetic ground truth");
            var plan = truth.Plan;
            md.AppendLine();
            md.Append(Invariant($"{plan.Owners:N0} owners with answer probabilities from Beta({plan.AnswerAlpha}, {plan.AnswerBeta}), log-normal response times (medians log-uniform from {plan.MinMedianMinutes:0} to {plan.MaxMedianMinutes:0} minutes, σ = {plan.Sigma}) "))
                .Append(Invariant($"and active hours of their own; {truth.Pings:N0} pings and {truth.Actions:N0} actions over {plan.TrainingWeeks} weeks to learn from and {plan.HoldoutWeeks} held out, "))
                .Append(Invariant($"played through the grains, workers, sweeper and refit on the domain clock ({truth.Elapsed.TotalMinutes:0.0} min); {truth.Mismatches} pings ended otherwise than planned. "))
                .AppendLine(Invariant($"The predictions made at the cutoff are judged on the {truth.HeldOut:N0} held-out pings that were answered, declined or expired."));
            md.AppendLine();
            md.AppendLine("| target | measured | holds? |");
            md.AppendLine("| --- | --- | --- |");
            foreach (var (target, measured, holds) in truth.Targets)
            {
                md.AppendLine(Invariant($"| {target} | {measured} | {(holds ? "yes" : "**no**")} |"));
            }

            md.AppendLine();
            md.AppendLine("| predictor | Brier score | log loss | Brier vs population rate | log loss vs population rate |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var scores in (GroundTruth.Scores[])[truth.Baseline, truth.Model, truth.Truth])
            {
                var (brier, logLoss) = scores.ImprovementOver(truth.Baseline);
                md.AppendLine(Invariant($"| {scores.Predictor} | {scores.Brier:0.0000} | {scores.LogLoss:0.0000} | {brier:+0.0%;-0.0%;0.0%} | {logLoss:+0.0%;-0.0%;0.0%} |"));
            }

            md.AppendLine();
            md.AppendLine("| decile | pings | predicted | observed | gap (pp) | standard error (pp) | judged |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var decile in truth.Deciles)
            {
                md.AppendLine(Invariant($"| {decile.Decile} | {decile.Pings:N0} | {decile.Predicted:0.000} | {decile.Observed:0.000} | {decile.Gap * 100:+0.0;-0.0;0.0} | {decile.StandardError * 100:0.0} | {(decile.StandardError <= GroundTruth.GroundTruthEvaluation.MaxStandardError ? "yes" : "no: too few pings")} |"));
            }

            md.AppendLine();
            md.AppendLine(Invariant($"![Reliability of the answer probability]({calibrationChart})"));
        }

        if (report.InsightReads.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Insight reads");
            md.AppendLine();
            md.AppendLine("Insight reads over HTTP (`GET /v1/users/{owner}/insights`, served from the API node's memory), an open loop (latency from when each was due), alone and while a load generator in another process pings. *Single node*: the benchmark's host, a silo and the API in one process, pinged through the Orleans client. *API node apart*: the compose file's shape, a silo process and an API node in client mode, pinged over HTTP at the API node that serves the reads. Every process shares the machine's cores with PostgreSQL.");
            md.AppendLine();
            md.AppendLine("| shape | reads/s | p50 ms | p95 ms | p99 ms | failed | pings/s meanwhile | ping p99 ms |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var reads in report.InsightReads)
            {
                md.AppendLine(Invariant($"| {reads.Shape} | {reads.PerSecond:N0} | {reads.P50:0.00} | {reads.P95:0.00} | {reads.P99:0.00} | {reads.Failed:N0} | {(reads.PingP99 is null ? "—" : Invariant($"{reads.PingRate:N0} ({reads.PingSystem})"))} | {(reads.PingP99 is { } p99 ? p99.ToString("0.00", CultureInfo.InvariantCulture) : "—")} |"));
            }
        }
    }
}
