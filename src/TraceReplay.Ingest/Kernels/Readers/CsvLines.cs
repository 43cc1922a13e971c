using System.Text;
using TraceReplay.Ingest.IO;

namespace TraceReplay.Ingest.Kernels.Readers;

/// <summary>
/// Line-oriented CSV for profiler output, where preamble lines (<c>==PROF==</c>, <c>Generating SQLite file</c>) sit
/// before or between CSV lines and no field spans lines. Yields (1-based line number, fields) for lines that
/// <paramref name="keep"/> accepts, so errors name the real line.
/// </summary>
internal static class CsvLines
{
    public static IEnumerable<(long Line, string[] Fields, string Raw)> Read(string path, Func<string, bool> keep)
    {
        using var reader = new StreamReader(InputFile.Open(path), Encoding.UTF8, true, 1 << 16);
        long line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (keep(text))
            {
                yield return (line, Split(text), text);
            }
        }
    }

    /// <summary>RFC 4180 split of one line: quoted fields may hold commas and "" escapes.</summary>
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else if (c != '\r')
            {
                sb.Append(c);
            }
        }
        fields.Add(sb.ToString());
        return [.. fields];
    }
}
