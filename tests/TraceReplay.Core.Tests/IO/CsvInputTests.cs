using System.IO.Compression;
using System.Text;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Core.IO;

namespace TraceReplay.Core.Tests.IO;

/// <summary>The one CSV reader: RFC 4180 quoting, one record per line, refused lines accounted for, never swallowed.</summary>
public sealed class CsvInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (List<(long Line, string[] Fields)> Rows, List<CsvProblem> Problems) ReadAll(string path)
    {
        var problems = new List<CsvProblem>();
        var rows = new List<(long, string[])>();
        using CsvInput csv = CsvInput.Open(path, onProblem: problems.Add);
        while (csv.Read())
        {
            rows.Add((csv.Line, csv.Strings()));
        }
        return (rows, problems);
    }

    [Theory]
    [InlineData("4,\"5,6", "b", "not closed on it")]
    [InlineData("4,5\"x,6", "b", "stray quote inside an unquoted field")]
    [InlineData("4,\"5\"x,6", "b", "text after it")]
    [InlineData("\"4,5,6", "a", "not closed on it")]
    public void A_bad_quote_refuses_its_own_line_only_naming_line_and_field(string bad, string field, string reason)
    {
        string path = Write("q.csv", $"a,b,c\n1,2,3\n{bad}\n7,8,9\n10,11,12\n");
        (var rows, var problems) = ReadAll(path);
        Assert.Equal([2L, 4L, 5L], rows.Select(r => r.Line));
        CsvProblem p = Assert.Single(problems);
        Assert.Equal(3, p.Line);
        Assert.Equal(field, p.Field);
        Assert.Contains(reason, p.Reason);
        Assert.Equal(bad, p.Raw);
    }

    [Fact]
    public void Without_a_handler_a_bad_quote_throws_naming_file_line_and_field()
    {
        string path = Write("q.csv", "a,b,c\n1,\"2,3\n4,5,6\n");
        using CsvInput csv = CsvInput.Open(path);
        var ex = Assert.Throws<InputException>(() => csv.Read());
        Assert.Contains("q.csv:2: field 'b':", ex.Message);
        Assert.Equal(2, ex.Index);
    }

    [Fact]
    public void Rfc4180_quoting_reads_separators_and_doubled_quotes_inside_quoted_fields()
    {
        string path = Write("ok.csv", "name,value\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\r\nplain,2\r\n");
        (var rows, var problems) = ReadAll(path);
        Assert.Empty(problems);
        Assert.Equal(["a,b", "say \"hi\""], rows[0].Fields);
        Assert.Equal(4, rows[1].Line); // the empty line is skipped but still counted
    }

    [Fact]
    public void Columns_are_found_by_trimmed_name_ignoring_case_and_missing_ones_are_named()
    {
        string path = Write("h.csv", " Alpha ,beta\n1,2\n");
        using CsvInput csv = CsvInput.Open(path);
        Assert.Equal(0, csv.Find("alpha"));
        var ex = Assert.Throws<InputException>(() => csv.Require("gamma", "test"));
        Assert.Contains("h.csv:1: field 'gamma': missing column 'gamma' for format test; header is [Alpha,beta]", ex.Message);
    }

    [Fact]
    public void Fields_are_utf8_spans_and_a_short_record_reads_empty_past_its_end()
    {
        string path = Write("s.csv", "a,b,c\n12,x\n");
        using CsvInput csv = CsvInput.Open(path);
        Assert.True(csv.Read());
        Assert.True(csv[0].SequenceEqual("12"u8));
        Assert.Equal(0, csv[2].Length);
    }

    [Fact]
    public void A_broken_header_and_an_empty_file_are_input_errors()
    {
        Assert.Contains("e.csv: empty file", Assert.Throws<InputException>(() => CsvInput.Open(Write("e.csv", "\n"))).Message);
        var ex = Assert.Throws<InputException>(() => CsvInput.Open(Write("bh.csv", "a,\"b\n1,2\n")));
        Assert.Contains("bh.csv:1: field 'header':", ex.Message);
    }

    [Fact]
    public void Multi_member_gzip_reads_every_member()
    {
        string path = Path.Combine(_dir, "two.csv.gz");
        using (FileStream f = File.Create(path))
        {
            foreach (string part in new[] { "a,b\n1,2\n", "3,4\n5,6\n" })
            {
                using var gz = new GZipStream(f, CompressionLevel.Fastest, leaveOpen: true);
                gz.Write(Encoding.UTF8.GetBytes(part));
            }
        }
        (var rows, var problems) = ReadAll(path);
        Assert.Empty(problems);
        Assert.Equal(["1", "3", "5"], rows.Select(r => r.Fields[0]));
    }

    [Fact]
    public void Split_line_is_the_same_parser_for_format_detection()
    {
        Assert.Equal(["TIMESTAMP", "Context Tokens", "x,y"], CsvInput.SplitLine("TIMESTAMP,\"Context Tokens\",\"x,y\""));
        Assert.Empty(CsvInput.SplitLine("a,\"b"));
    }
}
