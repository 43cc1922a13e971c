using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Reports.Runs;
using TraceReplay.Reports.Stats;
using TraceReplay.Reports.Sweeps;
using TraceReplay.Simulation.Metrics;

namespace TraceReplay.Cli.Commands;

/// <summary>
/// <c>inspect</c> on the tool's own outputs: a replay's requests.parquet and iterations.parquet, a sweep's
/// sweep.parquet and a replay's summary.json. Percentiles are nearest rank, as in every TraceReplay output.
/// </summary>
internal static class InspectOutputs
{
    public static void Requests(string path)
    {
        RequestData r = RequestData.Read(path);
        int completed = r.Completed.Count(c => c);
        AnsiConsole.MarkupLine($"replay requests: {r.Count:N0} ({completed:N0} completed, {r.Count - completed:N0} rejected)");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("per request", "mean", "p50", "p90", "p99", "max");
        table.AddRow(Row("TTFT (s)", r.TtftS));
        table.AddRow(Row("largest token gap (s)", r.TbtMaxS));
        table.AddRow(Row("mean token gap (s)", r.TbtMeanS));
        table.AddRow(Row("end-to-end (s)", r.E2eS));
        table.AddRow(Row("prompt (tokens)", [.. r.PromptTokens.Select(v => (double)v)]));
        table.AddRow(Row("generated (tokens)", [.. r.GeneratedTokens.Select(v => (double)v)]));
        AnsiConsole.Write(table);
        if (r.HasSlo)
        {
            AnsiConsole.MarkupLine($"SLO met: {r.SloMet.Count(m => m == true):N0} of {r.Count:N0} ({Units.Fixed(100.0 * r.SloMet.Count(m => m == true) / Math.Max(1, r.Count), 1)} %)");
        }
    }

    public static void Iterations(string path)
    {
        IterationData it = IterationData.Read(path);
        int instances = it.Instance.Length == 0 ? 0 : it.Instance.Max() + 1;
        double busyS = it.DurationS.Sum();
        AnsiConsole.MarkupLine($"replay iterations: {it.Count:N0} on {instances} instance(s); busy {Units.Fixed(busyS, 3)} s in all");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("per iteration", "mean", "p50", "p90", "p99", "max");
        table.AddRow(Row("duration (ms)", [.. it.DurationS.Select(d => d * 1e3)]));
        table.AddRow(Row("decode tokens", [.. it.DecodeTokens.Select(v => (double)v)]));
        table.AddRow(Row("prefill pieces", [.. it.PrefillPieces.Select(v => (double)v)]));
        table.AddRow(Row("KV blocks used", [.. it.KvBlocksUsed.Select(v => (double)v)]));
        AnsiConsole.Write(table);
        double hbm = it.HbmWeightBytes.Sum() + it.HbmExpertWeightBytes.Sum() + it.HbmKvReadBytes.Sum() + it.HbmKvWriteBytes.Sum() + it.HbmActivationBytes.Sum();
        AnsiConsole.MarkupLine($"HBM traffic: {Units.Si(hbm, "B")} (weights {Units.Si(it.HbmWeightBytes.Sum(), "B")}, experts {Units.Si(it.HbmExpertWeightBytes.Sum(), "B")}, " +
            $"KV read {Units.Si(it.HbmKvReadBytes.Sum(), "B")}); busy energy {Units.Si(it.EnergyJ.Sum(), "J")}");
    }

    public static void Sweep(string path)
    {
        (IReadOnlyList<SweepRow> rows, _) = SweepParquet.Read(path);
        AnsiConsole.MarkupLine($"sweep: {rows.Count:N0} grid points, {rows.Select(r => r.Point.Config).Distinct().Count()} configuration(s)");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("grid_index", "configuration", "rate (req/s)", "SLO attainment (%)", "TTFT p99 (s)", "TBT p99 (s)", "throughput (tokens/s)", "overloaded");
        foreach (SweepRow r in rows.OrderBy(r => r.Point.Index))
        {
            table.AddRow(r.Point.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.Point.Config), RateList.Format(r.Point.RatePerS),
                Reports.Text.Fmt.Sig(r[MetricNames.SloAttainment] * 100), Reports.Text.Fmt.Sig(r[MetricNames.TtftP99S]), Reports.Text.Fmt.Sig(r[MetricNames.TbtP99S]),
                Reports.Text.Fmt.Sig(r[MetricNames.ThroughputTokensPerS]), r[MetricNames.Overloaded] > 0 ? "yes" : "no");
        }
        AnsiConsole.Write(table);
    }

    public static void Summary(string path)
    {
        SummaryFile s = SummaryFile.Read(path);
        if (!s.Numbers.ContainsKey(MetricNames.Requests) || s.Run.Count == 0)
        {
            throw new InvalidDataException($"{path}: not a replay summary.json (no 'requests' count or 'run' object); inspect reads the summary.json that `tracereplay replay` writes");
        }
        AnsiConsole.MarkupLine($"replay summary: {Markup.Escape(s.RunValue("scheduler"))} on {Markup.Escape(s.RunValue("model"))}, " +
            $"{Markup.Escape(s.RunValue("gpu"))} x TP {Markup.Escape(s.RunValue("tp"))} x {Markup.Escape(s.RunValue("replicas"))} replica(s); input {Markup.Escape(s.RunValue("input_file"))}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "value", "unit");
        foreach ((string key, double value) in s.Numbers)
        {
            table.AddRow(Markup.Escape(key), Reports.Text.Fmt.Sig(value), UnitOf(key));
        }
        AnsiConsole.Write(table);
        foreach ((string key, string value) in s.Strings)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(key)}: {Markup.Escape(value)}[/]");
        }
    }

    /// <summary>The metric catalogue's unit for <paramref name="key"/> (every number summary.json writes is in it); "?" for a key it does not know.</summary>
    internal static string UnitOf(string key) => MetricCatalog.Find(key)?.Unit ?? "?";

    private static string[] Row(string name, double[] values)
    {
        double[] finite = [.. values.Where(double.IsFinite)];
        if (finite.Length == 0)
        {
            return [name, "-", "-", "-", "-", "-"];
        }
        int[] sorted = WeightedStats.SortedFiniteRows(finite);
        string Q(double q) => Reports.Text.Fmt.Sig(WeightedStats.Quantile(finite, sorted, default, q));
        return [name, Reports.Text.Fmt.Sig(finite.Average()), Q(0.5), Q(0.9), Q(0.99), Reports.Text.Fmt.Sig(finite.Max())];
    }
}
