using Spectre.Console;
using TraceReplay.Cli.Display;
using TraceReplay.Ingest.Kernels;

namespace TraceReplay.Cli.Commands;

/// <summary>Kernel-file view of <c>inspect</c>: top kernels, time per class, what the classifier left as 'other'.</summary>
internal static class InspectKernels
{
    public static void Print(KernelTable t, int top)
    {
        long?[] starts = t.StartNs;
        long? first = starts.Where(s => s is not null).Min(), last = Enumerable.Range(0, t.Count).Where(i => starts[i] is not null).Select(i => starts[i]!.Value + t.DurNs[i]).DefaultIfEmpty().Max();
        AnsiConsole.MarkupLine(first is null ? "time span: none (aggregate or ncu rows have no start)" : $"time span: {Units.Fixed(((double)last!.Value - first.Value) / 1e6, 3)} ms");
        int[] gpu = [.. Enumerable.Range(0, t.Count).Where(i => t.Kind[i] is "kernel" or "aggregate")];
        double total = gpu.Sum(i => (double)t.DurNs[i]);
        AnsiConsole.MarkupLine($"GPU kernel time: {Units.Fixed(total / 1e6, 3)} ms over {gpu.Length:N0} kernel rows");

        // Launches summed as doubles: a file's counts (each valid) can add up past int64.
        var byName = gpu.GroupBy(i => t.NameShort[i]).Select(g => (Name: g.Key, Ns: g.Sum(i => (double)t.DurNs[i]), Count: g.Sum(i => (double)(t.Instances[i] ?? 1)), Class: t.OpClass[g.First()]))
            .OrderByDescending(x => x.Ns).Take(top);
        var kernels = new Table().Border(TableBorder.Rounded).AddColumns("kernel (short name)", "op class", "launches", "time (ms)", "share (%)");
        foreach (var k in byName)
        {
            kernels.AddRow(Markup.Escape(k.Name.Length > 70 ? k.Name[..67] + "..." : k.Name), k.Class, k.Count.ToString("N0"), Units.Fixed(k.Ns / 1e6, 3), Units.Fixed(100 * k.Ns / total, 1));
        }
        AnsiConsole.Write(kernels);

        var classes = new Table().Border(TableBorder.Rounded).AddColumns("op class", "kernel rows", "time (ms)", "share (%)");
        foreach (var c in gpu.GroupBy(i => t.OpClass[i]).Select(g => (Class: g.Key, Rows: g.Count(), Ns: g.Sum(i => (double)t.DurNs[i]))).OrderByDescending(x => x.Ns))
        {
            classes.AddRow(c.Class, c.Rows.ToString("N0"), Units.Fixed(c.Ns / 1e6, 3), Units.Fixed(100 * c.Ns / total, 1));
        }
        AnsiConsole.Write(classes);

        var other = gpu.Where(i => t.OpClass[i] == "other").GroupBy(i => t.NameFull[i]).Select(g => (Name: g.Key, Ns: g.Sum(i => (double)t.DurNs[i]))).OrderByDescending(x => x.Ns).ToList();
        AnsiConsole.MarkupLine(other.Count == 0
            ? "unclassified ('other'): none"
            : $"unclassified ('other'): {other.Count} kernel names, {Units.Fixed(100 * other.Sum(o => o.Ns) / total, 2)} % of GPU kernel time (add rules with --classes):");
        foreach (var o in other.Take(top))
        {
            AnsiConsole.MarkupLine($"  {Units.Fixed(o.Ns / 1e6, 3)} ms  {Markup.Escape(o.Name)}");
        }
    }
}
