using System.Globalization;
using TraceReplay.Core.Requests;
using TraceReplay.Ingest.Tests.Infrastructure;

namespace TraceReplay.Ingest.Tests.Requests;

public sealed class ArrivalProcessTests
{
    [Theory]
    [InlineData("poisson", 1.0)]
    [InlineData("gamma:2", 2.0)]
    [InlineData("gamma:0.5", 0.5)]
    public void Gaps_have_the_requested_mean_and_cv(string spec, double cv)
    {
        ArrivalProcess p = ArrivalProcess.Parse(spec, 4.0, seed: 11);
        double[] gaps = [.. Enumerable.Range(0, 200_000).Select(_ => p.NextGapS())];
        double mean = gaps.Average();
        double sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Length);
        Assert.InRange(mean, 0.25 * 0.98, 0.25 * 1.02);
        Assert.InRange(sd / mean, cv * 0.95, cv * 1.05);
    }

    [Theory]
    [InlineData("weibull")]
    [InlineData("gamma:x")]
    [InlineData("gamma:-1")]
    public void Bad_specs_say_what_is_expected(string spec)
    {
        var ex = Assert.Throws<ArgumentException>(() => ArrivalProcess.Parse(spec, 1, 0));
        Assert.Contains("expected", ex.Message);
    }

    [Fact]
    public async Task Parsing_does_not_depend_on_the_current_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // A German-style culture (decimal comma); globalization-invariant mode forbids named cultures, so build one.
            var hostile = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            hostile.NumberFormat.NumberDecimalSeparator = ",";
            hostile.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = hostile;
            string path = Temp.File("v.csv", "arrived_at,num_prefill_tokens,num_decode_tokens\n0.5,10,2\n5.8926549999999995,20,3\n");
            var (counts, output, _) = await Run.Requests(path);
            Assert.Equal(2, counts.RowsWritten);
            Assert.Equal(5_892_655_000L, Convert.ToInt64(DuckDb.Scalar($"SELECT max(arrival_ns) FROM read_parquet({DuckDb.Q(output)})")));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
