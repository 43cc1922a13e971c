using System.Text.RegularExpressions;
using TraceReplay.Cli.Tests.Infrastructure;

namespace TraceReplay.Cli.Tests.Robustness;

/// <summary>Issue 19: a stray quote must not swallow the following lines unaccounted (read = written + rejected).</summary>
public sealed partial class StrayQuoteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-quote-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"rows read ([\d,]+) = rows written ([\d,]+) \+ rows rejected ([\d,]+)")]
    private static partial Regex Counts();

    /// <summary>Puts a quote before the field at <paramref name="column"/> on data line 10 (physical line 11 counting the header).</summary>
    private string WithStrayQuote(string sample, int column, string[] extraArgs, out string[] args)
    {
        string[] lines = File.ReadAllLines(InProcess.Data(sample));
        string[] fields = lines[10].Split(',');
        fields[column] = "\"" + fields[column];
        lines[10] = string.Join(',', fields);
        string path = Path.Combine(_dir, Path.GetFileName(sample));
        File.WriteAllLines(path, lines);
        args = [.. extraArgs];
        return path;
    }

    [Theory]
    [InlineData("requests/azure_conv.head30.csv", 1)]
    [InlineData("requests/burstgpt_1.head30.csv", 2)]
    [InlineData("requests/sharegpt_lengths.head30.csv", 0)]
    public void Rows_balance_and_the_swallowed_lines_are_rejected_with_their_line_numbers(string sample, int column)
    {
        string path = WithStrayQuote(sample, column, sample.Contains("lengths", StringComparison.Ordinal) ? ["--rate", "2"] : [], out string[] extra);
        string output = Path.Combine(_dir, "out.parquet");
        InProcess.Result r = InProcess.Run([.. new[] { "ingest", "requests", path, "--max-errors", "1000", "-o", output }, .. extra]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Match m = Counts().Match(r.StdOut);
        Assert.True(m.Success, r.ToString());
        long read = long.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        long written = long.Parse(m.Groups[2].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        long rejected = long.Parse(m.Groups[3].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(30, read); // every data line is counted, swallowed or not
        Assert.Equal(read, written + rejected);
        Assert.True(rejected >= 1);
        Assert.Contains(":11:", File.ReadAllText(output + ".rejected.csv").Replace("\",11,", ":11:", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_max_errors_the_run_stops_naming_the_line_of_the_stray_quote()
    {
        string path = WithStrayQuote("requests/azure_conv.head30.csv", 1, [], out _);
        InProcess.Result r = InProcess.Run("ingest", "requests", path, "-o", Path.Combine(_dir, "out.parquet"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("azure_conv.head30.csv:11:", r.StdErr);
        Assert.Contains("field 'ContextTokens'", r.StdErr);
        Assert.Contains("not closed on it (a stray quote?)", r.StdErr);
        Assert.False(File.Exists(Path.Combine(_dir, "out.parquet")));
    }
}
