using TraceReplay.Core.IO;

namespace TraceReplay.Reports.Report;

/// <summary>The one writer of a report's blocks: as Markdown and as a self-contained HTML page (report, sweep).</summary>
public static class ReportDocument
{
    public static void Write(IReadOnlyList<ReportBlock> blocks, string outputDir, string markdownFile, string htmlFile, string htmlTitle)
    {
        AtomicFile.WriteAllText(Path.Combine(outputDir, markdownFile), MarkdownRenderer.Render(blocks));
        AtomicFile.WriteAllText(Path.Combine(outputDir, htmlFile), HtmlRenderer.Render(htmlTitle, blocks));
    }
}
