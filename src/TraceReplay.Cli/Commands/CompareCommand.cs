using System.CommandLine;
using Spectre.Console;
using TraceReplay.Cli.Errors;
using TraceReplay.Core.IO;
using TraceReplay.Reports.Compare;
using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Text;

namespace TraceReplay.Cli.Commands;

/// <summary><c>tracereplay compare</c>: the regression gate. Exit 0 pass, 1 regression, 2 error.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string>("BASELINE") { Description = "Baseline replay output folder (summary.json + requests.parquet)" };
        var candidate = new Argument<string>("CANDIDATE") { Description = "Candidate replay output folder" };
        var policy = new Option<string?>("--policy") { Description = "Policy JSON of per-metric limits (grammar in docs/reports.md); default: ttft_p99_s/tbt_mean_s/e2e_p99_s/energy_per_token_j +5%, slo_attainment -1 pt, throughput -2%" };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML here (one test case per judged metric)" };
        var markdown = new Option<string?>("--markdown") { Description = "Write a markdown summary here (fit for a pull-request comment)" };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed (same seed, same intervals)", DefaultValueFactory = _ => 0 };
        var confidence = new Option<double>("--confidence") { Description = "Two-sided confidence level of the intervals", DefaultValueFactory = _ => 0.95 };
        var exact = new Option<bool>("--exact")
        {
            Description = "No bootstrap: judge each point difference against its limit (any change beyond a limit fails) and list every " +
                "metric that changed at all, with old and new values. For replays of the same trace and seed (deterministic); see docs/reports.md",
        };
        return CommandBuilder.Create("compare",
            "Compare a candidate replay with a baseline: per-metric deltas with bootstrap confidence intervals from per-request " +
            "data (paired when both runs hold the same request ids), judged against a policy of limits. A metric regresses only " +
            "when its whole interval lies beyond its limit in the bad direction; with --exact, when its point difference does. " +
            "Exit code: 0 pass, 1 regression, 2 usage or input error.",
            [
                "tracereplay compare baselines/azure-conv-sarathi out/regress",
                "tracereplay compare baselines/azure-conv-sarathi out/regress --exact --policy baselines/policy.json",
                "tracereplay compare base/ cand/ --policy policy.json --junit compare.xml --markdown compare.md --seed 1",
            ],
            [baseline, candidate, policy, junit, markdown, resamples, seed, confidence, exact],
            parse =>
            {
                try
                {
                    var options = new CompareOptions(parse.GetValue(resamples), parse.GetValue(seed), parse.GetValue(confidence), parse.GetValue(exact));
                    options.Validate();
                    string? policyPath = parse.GetValue(policy);
                    ComparePolicy p = policyPath is null ? ComparePolicy.Default : PolicyParser.ReadFile(policyPath);
                    RunData b = RunData.Load(parse.GetValue(baseline)!, withIterations: false);
                    RunData c = RunData.Load(parse.GetValue(candidate)!, withIterations: false);
                    CompareResult result = Comparer.Run(b, c, p, options);
                    if (parse.GetValue(markdown) is string md)
                    {
                        AtomicFile.WriteAllText(md, CompareMarkdown.Render(result));
                    }
                    if (parse.GetValue(junit) is string xml)
                    {
                        byte[] bytes = CompareJUnit.Render(result);
                        AtomicFile.WriteAsync(xml, s => s.WriteAsync(bytes).AsTask()).GetAwaiter().GetResult();
                    }
                    Render(result);
                    return result.ExitCode;
                }
                catch (Exception ex)
                {
                    // One mapping for every command: bad input exits CompareResult.ExitError (2), a bug 70.
                    return ErrorMapper.Report(ex, Console.Error);
                }
            });
    }

    private static void Render(CompareResult r)
    {
        if (r.Options.Exact)
        {
            RenderExact(r);
            return;
        }
        string ci = Fmt.Fixed(r.Options.Confidence * 100, 0) + "%";
        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric (unit)", "baseline", "candidate", "change", $"change {ci} CI", "limit", "verdict");
        foreach (MetricComparison m in r.Metrics)
        {
            string verdict = m.Verdict switch
            {
                Verdict.Regression => "[red]REGRESSION[/]",
                Verdict.Inconclusive => "[yellow]inconclusive[/]",
                Verdict.Pass => "[green]pass[/]",
                _ => $"[grey]{m.Direction}[/]",
            };
            table.AddRow(Markup.Escape($"{m.Metric.Name} ({m.Metric.Unit})"), Fmt.Sig(m.Baseline), Fmt.Sig(m.Candidate), Fmt.SignedPct(m.RelativeDelta),
                Markup.Escape($"[{Fmt.SignedPct(m.RelativeInterval.Low)}, {Fmt.SignedPct(m.RelativeInterval.High)}]"), Markup.Escape(m.Limit?.ToString() ?? "-"), verdict);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Method)}; {r.Options.Resamples} resamples, seed {r.Options.Seed}; policy: {Markup.Escape(r.Policy.Source)}[/]");
        foreach (MetricComparison m in r.Regressions)
        {
            AnsiConsole.MarkupLine($"[red]regression[/] {Markup.Escape(m.Metric.Name)}: {Markup.Escape(m.Reason)}");
        }
        AnsiConsole.MarkupLine(r.ExitCode == 0 ? "[green]PASS[/]" : "[red]FAIL[/]");
    }

    /// <summary>--exact: point values and deltas (no intervals), then every metric that changed at all, old -> new.</summary>
    private static void RenderExact(CompareResult r)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric (unit)", "baseline", "candidate", "delta", "change", "limit", "verdict");
        foreach (MetricComparison m in r.Metrics)
        {
            string verdict = m.Verdict switch
            {
                Verdict.Regression => "[red]REGRESSION[/]",
                Verdict.Pass => m.Identical ? "[green]pass (identical)[/]" : "[green]pass[/]",
                _ => $"[grey]{m.Direction}[/]",
            };
            table.AddRow(Markup.Escape($"{m.Metric.Name} ({m.Metric.Unit})"), Fmt.Sig(m.Baseline), Fmt.Sig(m.Candidate), m.Identical ? "0" : Fmt.Signed(m.Delta),
                Fmt.SignedPct(m.RelativeDelta), Markup.Escape(m.Limit?.ToString() ?? "-"), verdict);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Method)}; policy: {Markup.Escape(r.Policy.Source)}[/]");
        var changed = r.Changed.ToList();
        if (changed.Count == 0)
        {
            AnsiConsole.MarkupLine("identical: no metric changed");
        }
        foreach (MetricComparison m in changed)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"changed {m.Metric.Name}: {m.Baseline.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} -> " +
                $"{m.Candidate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} {m.Metric.Unit} ({Fmt.SignedPct(m.RelativeDelta)}, {m.Direction})"));
        }
        foreach (MetricComparison m in r.Regressions)
        {
            AnsiConsole.MarkupLine($"[red]regression[/] {Markup.Escape(m.Metric.Name)}: {Markup.Escape(m.Reason)}");
        }
        AnsiConsole.MarkupLine(r.ExitCode == 0 ? "[green]PASS[/]" : "[red]FAIL[/]");
    }
}
