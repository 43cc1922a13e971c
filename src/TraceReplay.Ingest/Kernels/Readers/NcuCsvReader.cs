using System.Globalization;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// Nsight Compute <c>--csv</c>, details page (one row per kernel x section x metric, ragged) or raw page (one row
/// per kernel, a units row second). Lines that do not start with a quote (<c>==PROF==</c>) are skipped. Numbers
/// carry thousands separators, <c>n/a</c> means missing, and units are per value: everything is converted to ns and
/// bytes. Measured DRAM bytes = dram__bytes_{read,write}.sum, or dram__sectors_{read,write}.sum x 32 B. ncu has no
/// start time (start_ns null); dur_ns is ncu's duration (clocks locked, caches flushed unless told otherwise).
/// </summary>
public sealed class NcuCsvReader : IKernelReader
{
    public string Format => "ncu";

    public IEnumerable<KernelRecord> Read(string path, IngestContext context)
    {
        var lines = CsvLines.Read(path, context, l => l.StartsWith('"')).GetEnumerator();
        if (!lines.MoveNext())
        {
            throw IngestException.File(path, "no CSV lines (lines starting with a quote); expected `ncu --csv` output");
        }
        (long headerLine, string[] header, _) = lines.Current;
        var map = new HeaderMap(header, path, Format);
        map.Require(headerLine, "ID");
        map.Require(headerLine, "Kernel Name");
        NcuKernel? current = null;
        bool details = map.Find("Metric Name") is not null;
        string[]? units = null;
        string source = Path.GetFileName(path);
        while (lines.MoveNext())
        {
            (long line, string[] f, string raw) = lines.Current;
            string id = HeaderMap.Get(f, map.Require(line, "ID").Index);
            if (!details && units is null && id.Length == 0)
            {
                units = f; // raw page: second line holds the units
                continue;
            }
            if (current is not null && current.Id != id)
            {
                if (current.ToRecord(source, path, context) is { } done)
                {
                    yield return done;
                }
                current = null;
            }
            if (current is null)
            {
                context.CountRow();
                current = NcuKernel.Start(id, f, map, line, raw);
            }
            if (details)
            {
                current.AddMetric(HeaderMap.Get(f, map.Require(line, "Section Name").Index), HeaderMap.Get(f, map.Require(line, "Metric Name").Index),
                    HeaderMap.Get(f, map.Require(line, "Metric Unit").Index), HeaderMap.Get(f, map.Require(line, "Metric Value").Index));
            }
            else
            {
                for (int i = 0; i < header.Length; i++)
                {
                    current.AddMetric("", header[i], units is null ? "" : HeaderMap.Get(units, i), HeaderMap.Get(f, i));
                }
            }
        }
        if (current?.ToRecord(source, path, context) is { } last)
        {
            yield return last;
        }
    }
}
