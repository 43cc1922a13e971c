using System.Text.RegularExpressions;
using ScottPlot;

namespace TraceReplay.Reports.Report;

/// <summary>
/// The one plot writer: saves a plot as DIR/NAME.png and DIR/NAME.svg (atomically, SVG ids stable so the same plot
/// gives the same bytes) and returns the SVG text for an HTML page. Reports, sweeps and reproductions all use it.
/// </summary>
public static partial class PlotFile
{
    public const int Width = 900;
    public const int Height = 450;

    public static string Save(Plot plot, string plotsDir, string name, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(plotsDir);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        string svg = StableIds(plot.GetSvgXml(width, height), name);
        Core.IO.AtomicFile.WriteAsync(Path.Combine(plotsDir, name + ".png"), s => s.WriteAsync(png).AsTask()).GetAwaiter().GetResult();
        Core.IO.AtomicFile.WriteAllText(Path.Combine(plotsDir, name + ".svg"), svg);
        return svg;
    }

    /// <summary>
    /// ScottPlot numbers SVG element ids (clip paths) from a process-wide counter, so the same plot gets other ids
    /// in a later call. Renumbering them in order of appearance, prefixed with the plot name, makes the SVG depend
    /// only on the plot, and keeps ids unique when several SVGs sit inline in one HTML page.
    /// </summary>
    internal static string StableIds(string svg, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdAttribute().Matches(svg))
        {
            map.TryAdd(m.Groups[1].Value, $"{name}-{map.Count}");
        }
        return IdOrReference().Replace(svg, m =>
        {
            string id = m.Groups["id"].Success ? m.Groups["id"].Value : m.Groups["ref"].Value;
            if (!map.TryGetValue(id, out string? stable))
            {
                return m.Value;
            }
            return m.Groups["id"].Success ? $"id=\"{stable}\"" : "#" + stable;
        });
    }

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("\\bid=\"(?<id>[^\"]+)\"|#(?<ref>[A-Za-z_][\\w\\-.:]*)")]
    private static partial Regex IdOrReference();
}
