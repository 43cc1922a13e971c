using System.Globalization;
using Spectre.Console;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Output;

namespace TraceReplay.Cli.Replay;

/// <summary>Replay summaries side by side, one column per run, units in every row label.</summary>
internal static class SummaryTable
{
    public static void Render(IReadOnlyList<ReplayRunner.Result> runs)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric");
        foreach (ReplayRunner.Result r in runs)
        {
            table.AddColumn(new TableColumn(Markup.Escape(r.Info.Options.Scheduler)).RightAligned());
        }
        Row(table, runs, "requests (completed / rejected)", s => $"{s.Completed} / {s.Rejected}");
        Row(table, runs, "simulated duration (s)", s => F(s.SimDurationS, 1));
        Row(table, runs, "TTFT mean / p50 / p99 (s)", s => $"{F(s.TtftMeanS, 3)} / {F(s.TtftP50S, 3)} / {F(s.TtftP99S, 3)}");
        Row(table, runs, "TBT mean / p99 (ms)", s => $"{F(s.TbtMeanS * 1e3, 1)} / {F(s.TbtP99S * 1e3, 1)}");
        Row(table, runs, "TPOT mean / p99 (ms)", s => $"{F(s.TpotMeanS * 1e3, 2)} / {F(s.TpotP99S * 1e3, 2)}");
        Row(table, runs, "request throughput (requests/s)", s => F(s.RequestThroughputPerS, 3));
        Row(table, runs, "E2E mean / p50 / p99 (s)", s => $"{F(s.E2eMeanS, 2)} / {F(s.E2eP50S, 2)} / {F(s.E2eP99S, 2)}");
        Row(table, runs, "throughput (tokens/s, prompt+output)", s => F(s.ThroughputTokensPerS, 0));
        Row(table, runs, "SLO attainment (%)", s => double.IsNaN(s.SloAttainment) ? "no SLO" : F(s.SloAttainment * 100, 1));
        Row(table, runs, "HBM traffic total (TB)", s => F(s.HbmBytesTotal / 1e12, 2));
        Row(table, runs, "HBM expert weights (TB)", s => F(s.HbmBytesExpertWeights / 1e12, 2));
        Row(table, runs, "energy (MJ, estimate)", s => F(s.EnergyJ / 1e6, 3));
        Row(table, runs, "energy per token (J, estimate)", s => F(s.EnergyPerTokenJ, 4));
        Row(table, runs, "iterations", s => s.Iterations.ToString(CultureInfo.InvariantCulture));
        Row(table, runs, "preemptions", s => s.Preemptions.ToString(CultureInfo.InvariantCulture));
        table.AddRow(["wall time (s)", .. runs.Select(r => F(r.WallS, 2))]);
        AnsiConsole.Write(table);
        ReplayRunner.Result first = runs[0];
        string layout = first.Info.Options.ExpertParallel > 1
            ? $"{first.Info.Options.ExpertParallel}x {Markup.Escape(first.Info.Options.Gpu)} (EP {first.Info.Options.ExpertParallel}, data-parallel attention)"
            : $"{first.Info.Options.TensorParallel}x {Markup.Escape(first.Info.Options.Gpu)} (TP {first.Info.Options.TensorParallel})";
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(first.Info.Options.Model)} on {layout}, {first.Info.Options.Replicas} replica(s); cost model {Markup.Escape(first.Info.CostModel)}: {Markup.Escape(first.Info.CostModelProvenance)}[/]");
        AnsiConsole.MarkupLine($"[grey]energy is an {Markup.Escape(SummaryJsonWriter.EnergyNote)}[/]");
        AnsiConsole.MarkupLine($"[grey]TBT p99: {Markup.Escape(SummaryJsonWriter.TbtP99Method)}. Outputs: {string.Join(", ", runs.Select(r => Markup.Escape(r.Directory)))}[/]");
    }

    private static void Row(Table t, IReadOnlyList<ReplayRunner.Result> runs, string label, Func<ReplaySummary, string> cell) =>
        t.AddRow([label, .. runs.Select(r => cell(r.Summary))]);

    private static string F(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "-";
}
