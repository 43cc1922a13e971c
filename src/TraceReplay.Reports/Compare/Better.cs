namespace TraceReplay.Reports.Compare;

/// <summary>Which way a metric improves.</summary>
public enum Better
{
    Lower,
    Higher,
}
