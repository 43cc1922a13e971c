using System.Globalization;
using TraceReplay.Core.Kernels;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels.Classification;

namespace TraceReplay.Ingest.Kernels;

/// <summary>
/// Kernel traces -> canonical kernel Parquet. Rows of one run are held in memory (kernel traces are 10^3-10^6
/// activities, far below request logs); each file's rows are sorted by start (repair for nsys >= 2025.6, which does
/// not guarantee order; the count of moved rows goes to metadata), classified, and written atomically.
/// </summary>
public static class KernelIngest
{
    public static async Task<IngestCounts> RunAsync(IReadOnlyList<string> inputs, string output, string format, KernelClassifier classifier, IngestContext context)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("no input files given");
        }
        var all = new List<KernelRecord>();
        var formats = new List<string>();
        long reordered = 0;
        foreach (string path in inputs)
        {
            string f = format == "auto" ? KernelFormats.Detect(path) : format;
            formats.Add(f);
            List<KernelRecord> rows = [.. KernelFormats.Create(f).Read(path, context)];
            reordered += SortByStart(rows);
            foreach (KernelRecord r in rows)
            {
                r.OpClass = r.Kind is "memcpy" or "memset" ? "memcpy" : Core.Operators.OpClassNames.ToName(classifier.Classify(r.NameFull));
            }
            all.AddRange(rows);
        }
        context.Metadata[KernelColumns.MetaSources] = string.Join(",", inputs.Select(Path.GetFileName));
        context.Metadata["tracereplay.format"] = string.Join(",", formats.Distinct());
        context.Metadata["tracereplay.repair.reordered_rows"] = reordered.ToString(CultureInfo.InvariantCulture);
        await KernelParquetWriter.WriteAsync(output, all, context.Metadata).ConfigureAwait(false);
        context.Rejects.Commit(output);
        var counts = new IngestCounts(context.RowsRead, all.Count, context.Rejects.Count);
        return counts.Balanced ? counts : throw new InvalidOperationException($"internal error: {counts.Summary} does not balance");
    }

    /// <summary>Stable sort by start; returns how many rows were not already in order.</summary>
    private static long SortByStart(List<KernelRecord> rows)
    {
        long outOfOrder = 0;
        for (int i = 1; i < rows.Count; i++)
        {
            if (rows[i].StartNs < rows[i - 1].StartNs)
            {
                outOfOrder++;
            }
        }
        if (outOfOrder > 0)
        {
            KernelRecord[] sorted = [.. rows.OrderBy(r => r.StartNs ?? long.MinValue)];
            rows.Clear();
            rows.AddRange(sorted);
        }
        return outOfOrder;
    }
}
