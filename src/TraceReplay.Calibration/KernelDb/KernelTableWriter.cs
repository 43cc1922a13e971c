using System.Globalization;
using CsvHelper;
using Parquet;
using Parquet.Schema;
using TraceReplay.Parquet;

namespace TraceReplay.Calibration.KernelDb;

/// <summary>
/// Writes a table of text cells (an input's columns plus predicted ones: <c>predict</c>'s one writer) atomically as CSV, or as
/// Parquet with each column typed from its cells: integers when every cell is one, else doubles when every cell
/// parses, else text; empty cells are nulls.
/// </summary>
public static class KernelTableWriter
{
    public static void Write(string path, IReadOnlyList<string> header, IReadOnlyList<string?[]> rows)
    {
        if (Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            WriteParquet(path, header, rows).GetAwaiter().GetResult();
            return;
        }
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (CsvWriter csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (string?[] r in rows)
            {
                csv.WriteRecord([.. r.Select(c => c ?? "")]);
            }
        }
        Core.IO.AtomicFile.WriteAllText(path, text.ToString());
    }

    private static Task WriteParquet(string path, IReadOnlyList<string> header, IReadOnlyList<string?[]> rows)
    {
        var fields = new DataField[header.Count];
        var kinds = new char[header.Count];
        for (int c = 0; c < header.Count; c++)
        {
            kinds[c] = KindOf(rows, c);
            fields[c] = kinds[c] switch { 'l' => new DataField<long?>(header[c]), 'd' => new DataField<double?>(header[c]), _ => new DataField<string>(header[c]) };
        }
        return ParquetOutputFile.WriteAsync(path, new ParquetSchema(fields), new Dictionary<string, string>(), async file =>
        {
            using ParquetRowGroupWriter group = file.NewRowGroup();
            for (int c = 0; c < header.Count; c++)
            {
                switch (kinds[c])
                {
                    case 'l':
                        await group.WriteAsync<long>(fields[c], rows.Select(r => Empty(r[c]) ? (long?)null : long.Parse(r[c]!, CultureInfo.InvariantCulture)).ToArray().AsMemory()).ConfigureAwait(false);
                        break;
                    case 'd':
                        await group.WriteAsync<double>(fields[c], rows.Select(r => Empty(r[c]) ? (double?)null : double.Parse(r[c]!, CultureInfo.InvariantCulture)).ToArray().AsMemory()).ConfigureAwait(false);
                        break;
                    default:
                        await group.WriteAsync(fields[c], rows.Select(r => Empty(r[c]) ? null : r[c]).ToArray()).ConfigureAwait(false);
                        break;
                }
            }
        });
    }

    private static bool Empty(string? s) => string.IsNullOrEmpty(s);

    /// <summary>'l' (all integers), 'd' (all numbers) or 's', over the non-empty cells of column <paramref name="c"/>.</summary>
    private static char KindOf(IReadOnlyList<string?[]> rows, int c)
    {
        bool integers = true, numbers = true;
        foreach (string?[] r in rows)
        {
            if (Empty(r[c]))
            {
                continue;
            }
            integers &= long.TryParse(r[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            numbers &= double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }
        return integers ? 'l' : numbers ? 'd' : 's';
    }
}
