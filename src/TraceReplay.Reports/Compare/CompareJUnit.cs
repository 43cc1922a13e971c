using System.Text;
using System.Xml;
using TraceReplay.Reports.Text;

namespace TraceReplay.Reports.Compare;

/// <summary>
/// The comparison as JUnit XML (the common subset GitHub, GitLab, Jenkins and Azure DevOps display): one test case
/// per metric with a limit, a failure element per regression. time is 0: outputs carry no wall times.
/// </summary>
public static class CompareJUnit
{
    public static byte[] Render(CompareResult r)
    {
        var judged = r.Metrics.Where(m => m.Verdict != Verdict.NotJudged).ToList();
        int failures = judged.Count(m => m.Verdict == Verdict.Regression);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using (XmlWriter w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "tracereplay compare");
            Counts(w, judged.Count, failures);
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"replay regression: {r.CandidateLabel} vs {r.BaselineLabel}");
            Counts(w, judged.Count, failures);
            w.WriteStartElement("properties");
            Property(w, "method", r.Method);
            Property(w, "resamples", Fmt.Int(r.Options.Resamples));
            Property(w, "seed", Fmt.Int(r.Options.Seed));
            Property(w, "confidence", Fmt.Fixed(r.Options.Confidence, 3));
            Property(w, "policy", r.Policy.Source);
            w.WriteEndElement();
            foreach (MetricComparison m in judged)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", "tracereplay.compare");
                w.WriteAttributeString("name", m.Metric.Name);
                w.WriteAttributeString("time", "0");
                string detail = $"baseline {Fmt.Sig(m.Baseline)} {m.Metric.Unit}, candidate {Fmt.Sig(m.Candidate)} {m.Metric.Unit}, " +
                    $"change {Fmt.SignedPct(m.RelativeDelta)}" + (m.Exact ? "" : $" [{Fmt.SignedPct(m.RelativeInterval.Low)}, {Fmt.SignedPct(m.RelativeInterval.High)}]") +
                    $", limit {m.Limit}: {m.Reason}";
                if (m.Verdict == Verdict.Regression)
                {
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("type", "regression");
                    w.WriteAttributeString("message", $"{m.Metric.Name} regressed: {m.Reason}");
                    w.WriteString(detail);
                    w.WriteEndElement();
                }
                else
                {
                    w.WriteElementString("system-out", (m.Verdict == Verdict.Inconclusive ? "inconclusive: " : "pass: ") + detail);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return [.. buffer.ToArray(), (byte)'\n'];
    }

    private static void Counts(XmlWriter w, int tests, int failures)
    {
        w.WriteAttributeString("tests", Fmt.Int(tests));
        w.WriteAttributeString("failures", Fmt.Int(failures));
        w.WriteAttributeString("errors", "0");
        w.WriteAttributeString("skipped", "0");
        w.WriteAttributeString("time", "0");
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", value);
        w.WriteEndElement();
    }
}
