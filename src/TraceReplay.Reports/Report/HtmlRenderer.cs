using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace TraceReplay.Reports.Report;

/// <summary>Blocks to one self-contained HTML page: inline CSS, plots inlined as SVG, no external requests.</summary>
public static partial class HtmlRenderer
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}" +
        "th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}code{background:#f4f4f4;padding:0 3px}" +
        "figure{margin:1.5em 0}figcaption{font-style:italic;color:#555}svg{max-width:100%;height:auto}";

    public static string Render(string title, IEnumerable<ReportBlock> blocks)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Enc(title)).Append("</title>\n");
        sb.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        foreach (ReportBlock b in blocks)
        {
            switch (b)
            {
                case HeadingBlock h:
                    sb.Append($"<h{h.Level}>{Inline(h.Text)}</h{h.Level}>\n");
                    break;
                case ParagraphBlock p:
                    sb.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case TableBlock t:
                    sb.Append("<table>\n<tr>").AppendJoin("", t.Headers.Select(x => $"<th>{Inline(x)}</th>")).Append("</tr>\n");
                    foreach (string[] row in t.Rows)
                    {
                        sb.Append("<tr>").AppendJoin("", row.Select(x => $"<td>{Inline(x)}</td>")).Append("</tr>\n");
                    }
                    sb.Append("</table>\n");
                    break;
                case FigureBlock f:
                    sb.Append("<figure id=\"").Append(Enc(f.Name)).Append("\">\n").Append(StripXmlDeclaration(f.Svg)).Append('\n');
                    sb.Append("<figcaption>").Append(Inline(f.Caption)).Append("</figcaption>\n</figure>\n");
                    break;
                default:
                    throw new InvalidOperationException($"unknown block {b.GetType().Name}");
            }
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>HTML-escapes, then turns the markdown spans the report uses (`code`, **bold**) into tags.</summary>
    private static string Inline(string s) => Bold().Replace(Code().Replace(Enc(s), "<code>$1</code>"), "<strong>$1</strong>");

    private static string StripXmlDeclaration(string svg) => svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*]*)\*\*")]
    private static partial Regex Bold();
}
