using System.IO.Compression;
using TraceReplay.Core.Diagnostics;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Tests.Infrastructure;
using static TraceReplay.TestSupport.DuckDb;

namespace TraceReplay.Ingest.Tests.Requests;

/// <summary>Each kind of bad input gets an error naming file, line, field and what was expected, or a documented repair.</summary>
public sealed class BadInputTests
{
    private const string AzureHeader = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    [Fact]
    public async Task Empty_file_is_an_error()
    {
        string path = Temp.File("empty.csv", "");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path, "azure"));
        Assert.Contains("empty.csv", ex.Message);
        Assert.Contains("empty file", ex.Message);
    }

    [Fact]
    public async Task Missing_column_names_the_column_and_the_header_found()
    {
        string path = Temp.File("wrong.csv", "TIMESTAMP,Tokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path, "azure"));
        Assert.Contains("wrong.csv:1: field 'ContextTokens': missing column 'ContextTokens'", ex.Message);
    }

    [Fact]
    public async Task Unknown_header_cannot_be_detected()
    {
        string path = Temp.File("what.csv", "a,b,c\n1,2,3\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path));
        Assert.Contains("could not detect the request format", ex.Message);
        Assert.Contains("--format", ex.Message);
    }

    [Fact]
    public async Task Non_numeric_field_names_line_and_field()
    {
        string path = Temp.File("nan.csv", AzureHeader + "2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.0000000,abc,44\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path));
        Assert.Contains("nan.csv:3: field 'ContextTokens': expected an integer token count, got 'abc'", ex.Message);
    }

    [Fact]
    public async Task Out_of_order_timestamp_is_rejected_not_reordered()
    {
        string path = Temp.File("order.csv", AzureHeader + "2023-11-16 18:15:46.0000000,1,1\n2023-11-16 18:15:45.0000000,2,2\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path));
        Assert.Contains("order.csv:3: field 'TIMESTAMP': timestamp out of order", ex.Message);
    }

    [Fact]
    public async Task Negative_token_count_is_rejected()
    {
        string path = Temp.File("neg.csv", "request_id,arrival_s,prompt_tokens,output_tokens\n1,0.5,-3,4\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path));
        Assert.Contains("neg.csv:2: field 'prompt_tokens': expected a non-negative token count", ex.Message);
    }

    [Fact]
    public async Task Duplicate_ids_are_rejected()
    {
        string path = Temp.File("dup.csv", "request_id,arrival_s,prompt_tokens,output_tokens\n1,0.5,3,4\n1,0.7,3,4\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path));
        Assert.Contains("dup.csv:3: field 'request_id': duplicate request id 1", ex.Message);
    }

    [Fact]
    public async Task Max_errors_keeps_going_writes_side_file_and_counts_balance()
    {
        string path = Temp.File("mixed.csv", AzureHeader +
            "2023-11-16 18:15:46.0000000,1,1\nnot-a-time,2,2\n2023-11-16 18:15:47.0000000,x,3\n2023-11-16 18:15:48.0000000,4,4\n");
        var (counts, output, _) = await Run.Requests(path, "auto", maxErrors: 5);
        Assert.Equal(new IngestCounts(4, 2, 2), counts with { RowsFailed = 0 });
        string side = File.ReadAllText(output + ".rejected.csv");
        Assert.StartsWith("file,line,field,reason,raw\n", side);
        Assert.Contains(",3,\"TIMESTAMP\",", side);
        Assert.Contains(",4,\"ContextTokens\",", side);
        Assert.Equal(2L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)})")));
        await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path, "auto", maxErrors: 1));
    }

    [Fact]
    public async Task Failed_run_leaves_no_output_behind()
    {
        string dir = Temp.Dir();
        string path = Path.Combine(dir, "bad.csv");
        File.WriteAllText(path, AzureHeader + "2023-11-16 18:15:46.0000000,1,1\nbroken,1,1\n");
        string output = Path.Combine(dir, "out.parquet");
        await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(new([path], output)));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public async Task Truncated_gzip_is_reported_as_truncated()
    {
        string dir = Temp.Dir();
        string full = Path.Combine(dir, "full.jsonl.gz");
        await using (var gz = new GZipStream(File.Create(full), CompressionLevel.Optimal))
        {
            await using var w = new StreamWriter(gz);
            for (int i = 0; i < 20000; i++)
            {
                await w.WriteLineAsync($"{{\"timestamp\": {i * 7}, \"input_length\": {100 + i % 977}, \"output_length\": {i % 101}, \"hash_ids\": [{i}]}}");
            }
        }
        byte[] bytes = File.ReadAllBytes(full);
        string cut = Path.Combine(dir, "cut.jsonl.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var ok = await Run.Requests(full);
        Assert.Equal(20000, ok.Counts.RowsWritten);
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(cut, "mooncake"));
        Assert.Contains("cut.jsonl.gz", ex.Message);
        Assert.Contains("truncated gzip", ex.Message);
    }

    [Fact]
    public async Task Bad_json_line_names_the_line()
    {
        string path = Temp.File("m.jsonl", "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": [0]}\n{\"timestamp\": 1, \"input_length\": \"x\"}\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Requests(path));
        Assert.Contains("m.jsonl:2: field 'input_length'", ex.Message);
    }

    [Fact]
    public async Task Negative_kernel_duration_is_rejected_with_line_and_field()
    {
        string path = Temp.File("neg.csv", "Start (ns),Duration (ns),CorrId,Strm,Name\n100,-5,1,7,gemm_kernel\n");
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Kernels(path));
        Assert.Contains("neg.csv:2: field 'Duration': negative duration", ex.Message);
    }

    [Fact]
    public async Task Truncated_kineto_gzip_is_reported()
    {
        string src = SharedData.Path("kernels/kineto/h100-qwen1.5-0.5b-hf/Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz");
        byte[] bytes = File.ReadAllBytes(src);
        string cut = Temp.File("cut.json.gz", "");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var ex = await Assert.ThrowsAnyAsync<IOException>(() => Run.Kernels(cut, "kineto"));
        Assert.Contains("cut.json.gz", ex.Message);
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public async Task Derived_ncu_metric_table_is_refused_with_a_pointer_to_the_real_files()
    {
        var ex = await Assert.ThrowsAnyAsync<InputException>(() => Run.Kernels(SharedData.Path("kernels/ncu-csv/rtx5090-deepseek-ocr/analysis_all_metrics_long.csv")));
        Assert.Contains("kernel_*_ncu.details.csv", ex.Message);
    }
}
