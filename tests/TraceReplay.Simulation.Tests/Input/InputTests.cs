using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.Requests;
using TraceReplay.Simulation.Input;
using TraceReplay.Simulation.Tests.Infrastructure;

namespace TraceReplay.Simulation.Tests.Input;

public sealed class InputTests
{
    [Fact]
    public void Csv_columns_are_found_by_name_and_arrivals_become_integer_ns()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["r.csv"], "output_tokens,arrival_s,prompt_tokens,note\n5,0.5,100,x\n7,1.25,200,y\n");
        List<RequestRecord> r = [.. RequestCsvReader.Read(dir["r.csv"])];
        Assert.Equal([new RequestRecord(0, 500_000_000, 100, 5), new RequestRecord(1, 1_250_000_000, 200, 7)], r);
    }

    [Fact]
    public void Bad_values_are_reported_with_file_line_and_field()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.csv"], "arrival_s,prompt_tokens,output_tokens\n0,10,1\n0.1,ten,1\n");
        var ex = Assert.Throws<InputException>(() => RequestCsvReader.Read(dir["bad.csv"]).ToList());
        Assert.Contains("bad.csv:3: field 'prompt_tokens'", ex.Message);
        Assert.Contains("'ten'", ex.Message);
    }

    [Fact]
    public void Length_only_files_need_retiming()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["len.csv"], "num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio\n100,10,110,10\n200,20,220,10\n");
        var ex = Assert.Throws<InputException>(() => RequestCsvReader.Read(dir["len.csv"]).ToList());
        Assert.Contains("--rate", ex.Message);
        List<RequestRecord> r = [.. RequestCsvReader.Read(dir["len.csv"], requireArrival: false)];
        Assert.Equal([100, 200], r.Select(x => x.PromptTokens));
    }

    [Theory]
    [InlineData("poisson", 1.0)]
    [InlineData("gamma:2", 2.0)]
    [InlineData("gamma:0.5", 0.5)]
    public void Retiming_hits_the_rate_and_cv_and_repeats_with_the_seed(string arrival, double cv)
    {
        var requests = Enumerable.Range(0, 20_000).Select(i => new RequestRecord(i, 0, 10, 10)).ToList();
        ArrivalRetimer t = ArrivalRetimer.Create(4.0, arrival);
        long[] a = [.. t.Apply(requests, seed: 9).Select(r => r.ArrivalNs)];
        Assert.Equal(a, t.Apply(requests, seed: 9).Select(r => r.ArrivalNs));
        Assert.Equal(0, a[0]);
        double[] gaps = [.. a.Zip(a.Skip(1), (x, y) => (y - x) / 1e9)];
        double mean = gaps.Average(), sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Length);
        Assert.Equal(0.25, mean, 0.25 * 0.05);
        Assert.Equal(cv, sd / mean, cv * 0.08);
        Assert.Throws<ArgumentException>(() => ArrivalRetimer.Create(4, "weibull"));
    }
}
