using System.Text;

namespace TraceReplay.Reproductions.Output;

/// <summary>A GitHub-flavoured markdown table built row by row.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        sb.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        foreach (string[] row in _rows)
        {
            sb.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }
        return sb.ToString();
    }
}
