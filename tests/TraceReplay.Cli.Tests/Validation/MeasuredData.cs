namespace TraceReplay.Cli.Tests.Validation;

/// <summary>The committed cut of the AIConfigurator measured points (tests/data/benchmarks/aiconfigurator-silicon) and temp-file helpers.</summary>
internal static class MeasuredData
{
    public static string Cut => SharedData.Path("benchmarks", "aiconfigurator-silicon", "vllm_agg_h200_b200.EXCERPT.csv");

    public static string[] CutLines => File.ReadAllLines(Cut);

    /// <summary>The cut's header and the given data rows (0-based), written to <paramref name="dir"/>.</summary>
    public static string Rows(string dir, string name, params int[] rows)
    {
        string[] lines = CutLines;
        string path = Path.Combine(dir, name);
        File.WriteAllLines(path, [lines[0], .. rows.Select(r => lines[r + 1])]);
        return path;
    }

    /// <summary>Row <paramref name="row"/> of the cut with one field replaced (by header name).</summary>
    public static string WithField(int row, string column, string value)
    {
        string[] lines = CutLines;
        int c = Array.IndexOf(lines[0].Split(','), column);
        string[] cells = SplitCsv(lines[row + 1]);
        cells[c] = value;
        return string.Join(',', cells.Select(x => x.Contains(',', StringComparison.Ordinal) ? $"\"{x}\"" : x));
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(cur.ToString());
                cur.Clear();
            }
            else
            {
                cur.Append(ch);
            }
        }
        cells.Add(cur.ToString());
        return [.. cells];
    }
}
