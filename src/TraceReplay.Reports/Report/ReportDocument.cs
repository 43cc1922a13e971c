using TraceReplay.Core.IO;

namespace TraceReplay.Reports.Report;

/// <summary>The two files a report is written as, <c>{Stem}.md</c> and <c>{Stem}.html</c>, side by side.</summary>
public sealed record DocumentFiles(string Stem)
{
    public string Markdown => Stem + ".md";
    public string Html => Stem + ".html";
}

/// <summary>The one writer of a report's blocks: as Markdown and as a self-contained HTML page (report, sweep).</summary>
public static class ReportDocument
{
    public static void Write(IReadOnlyList<ReportBlock> blocks, string outputDir, DocumentFiles files, string htmlTitle)
    {
        AtomicFile.WriteAllText(Path.Combine(outputDir, files.Markdown), MarkdownRenderer.Render(blocks));
        AtomicFile.WriteAllText(Path.Combine(outputDir, files.Html), HtmlRenderer.Render(htmlTitle, blocks));
    }
}
