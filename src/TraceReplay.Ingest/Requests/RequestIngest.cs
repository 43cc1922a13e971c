using System.Globalization;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Request logs -> canonical request Parquet, streaming: files are read row by row, merged by arrival when there are
/// several (each file's arrivals start at 0; ids are then renumbered 0..N-1, the source and row columns keep the
/// origin), optionally re-timed, and written in row groups. The output appears only if the whole run succeeds.
/// </summary>
public static class RequestIngest
{
    public static async Task<IngestCounts> RunAsync(RequestIngestOptions options, IngestContext context)
    {
        if (options.Inputs.Count == 0)
        {
            throw new ArgumentException("no input files given");
        }
        _ = Checked.Positive(options.DurationS, "--duration-s", "s");
        var readers = options.Inputs.Select(path =>
            (Path: path, Reader: RequestFormats.Create(options.Format == "auto" ? RequestFormats.Detect(path) : options.Format, options))).ToList();
        ArrivalProcess? retime = options.RatePerS is { } rate ? ArrivalProcess.Parse(options.Arrival, rate, options.Seed) : null;
        if (retime is null && readers.FirstOrDefault(r => r.Reader.NeedsArrivals) is { Path: { } needy })
        {
            throw IngestException.File(needy, "length-only trace has no arrival times; pass --rate R [--arrival poisson|gamma:CV] [--seed N] to re-time it");
        }
        bool generated = readers.Any(r => r.Reader.Format == "servegen");
        context.Metadata[RequestColumns.MetaFormat] = string.Join(",", readers.Select(r => r.Reader.Format).Distinct());
        context.Metadata[RequestColumns.MetaSources] = string.Join(",", options.Inputs.Select(Path.GetFileName));
        if (retime is not null)
        {
            context.Metadata[RequestColumns.MetaArrival] = retime.Describe();
            context.Metadata[RequestColumns.MetaSeed] = options.Seed.ToString(CultureInfo.InvariantCulture);
        }

        RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(options.Output, new Dictionary<string, string>()).ConfigureAwait(false);
        try
        {
            IEnumerable<RequestRow> rows = readers.Count == 1
                ? readers[0].Reader.Read(readers[0].Path, context)
                : Merge([.. readers.Select(r => r.Reader.Read(r.Path, context))]);
            foreach (RequestRow row in rows)
            {
                RequestRow r = retime is null ? row : row with
                {
                    Record = row.Record with { ArrivalNs = retime.NextArrivalNs() },
                    ArrivalEpochNs = null,
                    ArrivalQuantumMs = null,
                };
                await writer.AddAsync(r).ConfigureAwait(false);
            }
            // Metadata is known only after reading (absolute start); Parquet writes it in the footer on close.
            writer.SetMetadata(context.Metadata);
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        catch
        {
            await writer.AbortAsync().ConfigureAwait(false);
            throw;
        }
        context.Rejects.Commit(options.Output);
        var counts = new IngestCounts(context.RowsRead, writer.RowsWritten, context.Rejects.Count) { Generated = generated, RowsFailed = context.FailedRows };
        if (!generated && !counts.Balanced)
        {
            throw new InvalidOperationException($"internal error: {counts.Summary} does not balance");
        }
        return counts;
    }

    /// <summary>k-way merge by arrival (ties: file order), renumbering ids; memory is one row per file.</summary>
    internal static IEnumerable<RequestRow> Merge(IReadOnlyList<IEnumerable<RequestRow>> sources)
    {
        var enumerators = sources.Select(s => s.GetEnumerator()).ToArray();
        try
        {
            var queue = new PriorityQueue<int, (long, int)>();
            for (int i = 0; i < enumerators.Length; i++)
            {
                if (enumerators[i].MoveNext())
                {
                    queue.Enqueue(i, (enumerators[i].Current.Record.ArrivalNs, i));
                }
            }
            long id = 0;
            while (queue.TryDequeue(out int i, out _))
            {
                RequestRow row = enumerators[i].Current;
                yield return row with { Record = row.Record with { Id = id++ } };
                if (enumerators[i].MoveNext())
                {
                    queue.Enqueue(i, (enumerators[i].Current.Record.ArrivalNs, i));
                }
            }
        }
        finally
        {
            foreach (var e in enumerators)
            {
                e.Dispose();
            }
        }
    }
}
