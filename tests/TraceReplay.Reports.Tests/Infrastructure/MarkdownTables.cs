namespace TraceReplay.Reports.Tests.Infrastructure;

/// <summary>Reads the markdown table that follows a heading back into cells.</summary>
public static class MarkdownTables
{
    public static List<string[]> After(string markdown, string heading)
    {
        string[] lines = markdown.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith('#') && l.Contains(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"heading '{heading}' not found");
        var rows = new List<string[]>();
        foreach (string line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')))
        {
            if (!line.StartsWith('|'))
            {
                break;
            }
            if (!line.StartsWith("|---", StringComparison.Ordinal))
            {
                rows.Add([.. line.Trim('|').Split(" | ").Select(c => c.Trim())]);
            }
        }
        return rows;
    }

    /// <summary>The cell in the row whose first cell starts with <paramref name="rowLabel"/>, column <paramref name="column"/>.</summary>
    public static double Cell(List<string[]> table, string rowLabel, string column)
    {
        int c = Array.IndexOf(table[0], column);
        Assert.True(c > 0, $"column {column} not in {string.Join(", ", table[0])}");
        string[] row = table.Single(r => r[0].StartsWith(rowLabel, StringComparison.Ordinal));
        return double.Parse(row[c], System.Globalization.CultureInfo.InvariantCulture);
    }
}
