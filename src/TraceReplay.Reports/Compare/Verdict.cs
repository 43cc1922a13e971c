namespace TraceReplay.Reports.Compare;

/// <summary>The judgement of one metric against its limit.</summary>
public enum Verdict
{
    /// <summary>No limit in the policy: shown, not judged.</summary>
    NotJudged,

    /// <summary>Within the limit, or the interval reaches back inside it.</summary>
    Pass,

    /// <summary>The point delta is beyond the limit but the interval is not entirely: not enough evidence to fail.</summary>
    Inconclusive,

    /// <summary>The whole interval of the delta lies beyond the limit in the bad direction.</summary>
    Regression,
}
