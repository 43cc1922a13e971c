using System.Globalization;
using Spectre.Console;
using TraceReplay.Simulation.Engine;
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
        if (runs.Any(r => r.Summary.PrefixCache is not null))
        {
            Row(table, runs, "prefix cache hit rate (% of prompt tokens)", s => s.PrefixCache is { } p ? (p.Enabled ? F(p.HitRate * 100, 1) : "off") : "-");
        }
        if (runs.Any(r => r.Summary.Disaggregation is not null))
        {
            Row(table, runs, "KV transfer mean / p99 (ms)", s => s.Disaggregation is { } d ? $"{F(d.KvTransferMeanS * 1e3, 2)} / {F(d.KvTransferP99S * 1e3, 2)}" : "-");
            Row(table, runs, "KV moved (GB)", s => s.Disaggregation is { } d ? F(d.KvTransferBytes / 1e9, 1) : "-");
            Row(table, runs, "busy prefill / decode pool (%)", s => s.Disaggregation is { } d ? $"{F(d.Prefill.BusyFraction * 100, 1)} / {F(d.Decode.BusyFraction * 100, 1)}" : "-");
        }
        Row(table, runs, "iterations", s => s.Iterations.ToString(CultureInfo.InvariantCulture));
        Row(table, runs, "preemptions", s => s.Preemptions.ToString(CultureInfo.InvariantCulture));
        table.AddRow(["wall time (s)", .. runs.Select(r => F(r.WallS, 2))]);
        AnsiConsole.Write(table);
        ReplayRunner.Result first = runs[0];
        ReplayOptions o = first.Info.Options;
        string layout = o.ExpertParallel > 1
            ? $"{o.ExpertParallel}x {Markup.Escape(o.Gpu)} (EP {o.ExpertParallel}, data-parallel attention), {o.Replicas} replica(s)"
            : o.Disaggregated
                ? $"{o.ForPool(true).TensorParallel}x {Markup.Escape(o.Gpu)} per prefill instance, {o.ForPool(false).TensorParallel}x per decode instance, {o.PrefillReplicas} prefill + {o.DecodeReplicas} decode instances"
                : $"{o.TensorParallel}x {Markup.Escape(o.Gpu)} (TP {o.TensorParallel}), {o.Replicas} replica(s)";
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(o.Model)} on {layout}; cost model {Markup.Escape(first.Info.CostModel)}: {Markup.Escape(first.Info.CostModelProvenance)}[/]");
        AnsiConsole.MarkupLine($"[grey]energy is an {Markup.Escape(SummaryJsonWriter.EnergyNote)}[/]");
        AnsiConsole.MarkupLine($"[grey]TBT p99: {Markup.Escape(SummaryJsonWriter.TbtP99Method)}. Outputs: {string.Join(", ", runs.Select(r => Markup.Escape(r.Directory)))}[/]");
    }

    private static void Row(Table t, IReadOnlyList<ReplayRunner.Result> runs, string label, Func<ReplaySummary, string> cell) =>
        t.AddRow([label, .. runs.Select(r => cell(r.Summary))]);

    private static string F(double v, int decimals) => double.IsFinite(v) ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "-";
}
