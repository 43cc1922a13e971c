using System.Text;
using TraceReplay.Reports.Text;

namespace TraceReplay.Reports.Report;

/// <summary>Blocks to GitHub-flavoured markdown; figures link the PNG beside the report.</summary>
public static class MarkdownRenderer
{
    public static string Render(IEnumerable<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        foreach (ReportBlock b in blocks)
        {
            switch (b)
            {
                case HeadingBlock h:
                    sb.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case ParagraphBlock p:
                    sb.Append(p.Text).Append("\n\n");
                    break;
                case TableBlock t:
                    var table = new MarkdownTable(t.Headers);
                    foreach (string[] row in t.Rows)
                    {
                        table.Add(row);
                    }
                    sb.Append(table).Append('\n');
                    break;
                case FigureBlock f:
                    sb.Append($"![{f.Caption}](plots/{f.Name}.png)\n\n*{f.Caption}* ([SVG](plots/{f.Name}.svg))\n\n");
                    break;
                default:
                    throw new InvalidOperationException($"unknown block {b.GetType().Name}");
            }
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }
}
