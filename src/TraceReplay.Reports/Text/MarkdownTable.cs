using System.Text;

namespace TraceReplay.Reports.Text;

/// <summary>A GitHub-flavoured markdown table built row by row; "\n" line ends on every platform.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"row has {cells.Length} cells for {headers.Length} columns");
        }
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers.Select(Escape)).Append(" |\n");
        sb.Append('|').AppendJoin("", headers.Select(_ => "---|")).Append('\n');
        foreach (string[] row in _rows)
        {
            sb.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        }
        return sb.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
