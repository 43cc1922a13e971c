namespace TraceReplay.Reports.Stats;

/// <summary>Statistics of a sample where row i counts <c>counts[i]</c> times (null counts = every row once).</summary>
public static class WeightedStats
{
    /// <summary>
    /// Nearest-rank quantile (the value at rank ceil(q x n), as the replay engine's summary uses) over the rows in
    /// <paramref name="sortedRows"/> (row indices ordered by value). NaN when the weighted sample is empty.
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> values, ReadOnlySpan<int> sortedRows, ReadOnlySpan<int> counts, double q)
    {
        long total = 0;
        foreach (int r in sortedRows)
        {
            total += counts.IsEmpty ? 1 : counts[r];
        }
        if (total == 0)
        {
            return double.NaN;
        }
        long rank = Core.Analysis.NearestRank.Rank(total, q);
        long seen = 0;
        foreach (int r in sortedRows)
        {
            seen += counts.IsEmpty ? 1 : counts[r];
            if (seen >= rank)
            {
                return values[r];
            }
        }
        return values[sortedRows[^1]];
    }

    /// <summary>sum(w x numerator) / sum(w x denominator): means, pooled means, fractions and rates alike.</summary>
    public static double Ratio(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator, ReadOnlySpan<int> counts)
    {
        double num = 0, den = 0;
        for (int i = 0; i < numerator.Length; i++)
        {
            double w = counts.IsEmpty ? 1 : counts[i];
            num += w * numerator[i];
            den += w * denominator[i];
        }
        return den == 0 ? double.NaN : num / den;
    }

    /// <summary>Rows whose value is finite, ordered by value (ties by row, so the order is unique).</summary>
    public static int[] SortedFiniteRows(ReadOnlySpan<double> values)
    {
        var rows = new List<int>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]))
            {
                rows.Add(i);
            }
        }
        double[] v = values.ToArray();
        rows.Sort((a, b) => v[a] != v[b] ? v[a].CompareTo(v[b]) : a.CompareTo(b));
        return [.. rows];
    }
}
