namespace TraceReplay.Reports.Report;

/// <summary>One piece of a report; rendered to markdown and to HTML from the same content, so the two never disagree.</summary>
public abstract record ReportBlock;
