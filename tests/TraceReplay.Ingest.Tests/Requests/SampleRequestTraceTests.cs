using TraceReplay.Core.Requests;
using TraceReplay.Ingest.Tests.Infrastructure;
using TraceReplay.Parquet.Requests;
using static TraceReplay.TestSupport.DuckDb;

namespace TraceReplay.Ingest.Tests.Requests;

/// <summary>Every request-log sample in shared/data ingests, and DuckDB reads back what Parquet.Net wrote.</summary>
public sealed class SampleRequestTraceTests
{
    [Theory]
    [InlineData("traces/azure-2023/AzureLLMInferenceTrace_code.csv", "azure", 8819)]
    [InlineData("traces/azure-2023/AzureLLMInferenceTrace_conv.csv", "azure", 19366)]
    [InlineData("traces/burstgpt/BurstGPT_1.first400.csv", "burstgpt", 400)]
    [InlineData("traces/burstgpt/BurstGPT_3.first400.csv", "burstgpt", 400)]
    public async Task Sample_ingests_with_every_row_accounted_for(string relative, string format, long rows)
    {
        string input = SharedData.Path(relative);
        Assert.Equal(format, TraceReplay.Ingest.Requests.RequestFormats.Detect(input));
        var (counts, output, _) = await Run.Requests(input);
        Assert.Equal(rows, counts.RowsRead);
        Assert.Equal(rows, counts.RowsWritten);
        Assert.True(counts.Balanced);
        Assert.Equal(rows, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)})")));
        // Arrivals start at 0 and never go back in time.
        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT min(arrival_ns) FROM read_parquet({Q(output)})")));
        Assert.Equal(0L, Convert.ToInt64(Scalar(
            $"SELECT count(*) FROM (SELECT arrival_ns - lag(arrival_ns) OVER (ORDER BY request_id) AS d FROM read_parquet({Q(output)})) WHERE d < 0")));
        IReadOnlyDictionary<string, string> meta = await RequestParquetReader.ReadMetadataAsync(output);
        Assert.Equal(RequestColumns.SchemaVersion, meta[RequestColumns.SchemaVersionKey]);
    }

    [Theory]
    [InlineData("traces/mooncake/conversation_trace.jsonl", "mooncake", 12031)]
    [InlineData("traces/mooncake/synthetic_trace.jsonl", "mooncake", 3993)]
    [Trait("Category", "SharedData")]
    public Task Shared_sample_ingests_with_every_row_accounted_for(string relative, string format, long rows) =>
        Sample_ingests_with_every_row_accounted_for(relative, format, rows);

    [Fact]
    public async Task Azure_values_match_the_source_and_absolute_start_is_in_metadata()
    {
        var (_, output, _) = await Run.Requests(SharedData.Path("traces/azure-2023/AzureLLMInferenceTrace_conv.csv"));
        // Rows 2 and 3 of the file: 18:15:46.6805900,374,44 and 18:15:50.9951690,396,109.
        List<object?[]> rows = Rows($"SELECT request_id, arrival_ns, prompt_tokens, output_tokens, arrival_epoch_ns, failed, source, row FROM read_parquet({Q(output)}) ORDER BY request_id LIMIT 2");
        Assert.Equal(new object?[] { 0L, 0L, 374, 44 }, rows[0][..4]);
        Assert.Equal(new object?[] { 1L, 4_314_579_000L, 396, 109 }, rows[1][..4]);
        Assert.Equal(false, rows[0][5]);
        Assert.Equal("AzureLLMInferenceTrace_conv.csv", rows[0][6]);
        Assert.Equal(2L, rows[0][7]);
        long epoch = new DateTimeOffset(2023, 11, 16, 18, 15, 46, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000 + 680_590_000;
        Assert.Equal(epoch, rows[0][4]);
        IReadOnlyDictionary<string, string> meta = await RequestParquetReader.ReadMetadataAsync(output);
        Assert.Equal(epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), meta[RequestColumns.MetaStartEpochNs]);
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public async Task Mooncake_keeps_block_hashes_as_a_list_duckdb_can_read()
    {
        var (_, output, _) = await Run.Requests(SharedData.Path("traces/mooncake/conversation_trace.jsonl"));
        List<object?[]> rows = Rows($"SELECT prompt_tokens, output_tokens, len(hash_ids), hash_ids[1], hash_ids[2], block_tokens, arrival_quantum_ms FROM read_parquet({Q(output)}) ORDER BY request_id LIMIT 2");
        // First line: input 6758, output 500, hash_ids [0..13]; second: 7322, 490, [0, 14, ...] (15 ids).
        Assert.Equal(new object?[] { 6758, 500, 14L, 0L, 1L, 512, 3000 }, rows[0]);
        Assert.Equal(new object?[] { 7322, 490, 15L, 0L, 14L, 512, 3000 }, rows[1]);
        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE len(hash_ids) <> ceil(prompt_tokens / 512.0)")));
    }

    [Fact]
    public async Task BurstGpt_zero_token_rows_are_flagged_failed_and_not_replayed()
    {
        var (counts, output, _) = await Run.Requests(SharedData.Path("traces/burstgpt/BurstGPT_1.first400.csv"));
        Assert.Equal(17, counts.RowsFailed); // FORMATS.md 3.8: 17 zero-token rows in the v1 sample
        Assert.Equal(17L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(output)}) WHERE failed")));
        int replayed = 0;
        await foreach (RequestRecord _ in RequestParquetReader.ReadAsync(output))
        {
            replayed++;
        }
        Assert.Equal(400 - 17, replayed);
        Assert.Equal("ChatGPT", Scalar($"SELECT model FROM read_parquet({Q(output)}) ORDER BY request_id LIMIT 1"));
    }

    [Fact]
    public async Task BurstGpt_v3_keeps_session_and_latency_by_column_name()
    {
        var (counts, output, _) = await Run.Requests(SharedData.Path("traces/burstgpt/BurstGPT_3.first400.csv"));
        Assert.Equal(1, counts.RowsFailed);
        List<object?[]> rows = Rows($"SELECT session_id, e2e_latency_s, model, log_type, prompt_tokens, output_tokens FROM read_parquet({Q(output)}) ORDER BY request_id LIMIT 1");
        Assert.Equal(new object?[] { "1722ac82-0a46-4bf0-aa08-89794e7a2b3f", 43.0, "GPT-4", "Conversation log", 906, 446 }, rows[0]);
    }

    [Theory]
    [InlineData("traces/lengths/sharegpt_8k_filtered_stats_llama2_tokenizer.csv", 30731)]
    [InlineData("traces/lengths/arxiv_summarization_stats_llama2_tokenizer_filtered_v2.csv", 28257)]
    public async Task Length_only_sample_needs_a_rate_and_is_retimed_deterministically(string relative, long rows)
    {
        string input = SharedData.Path(relative);
        await Assert.ThrowsAsync<TraceReplay.Ingest.Diagnostics.IngestException>(() => Run.Requests(input));
        string dir = Temp.Dir();
        var a = await Run.Requests(new(new[] { input }, Path.Combine(dir, "a.parquet"), RatePerS: 5, Arrival: "gamma:2", Seed: 7));
        var b = await Run.Requests(new(new[] { input }, Path.Combine(dir, "b.parquet"), RatePerS: 5, Arrival: "gamma:2", Seed: 7));
        Assert.Equal(rows, a.Counts.RowsWritten);
        Assert.Equal(File.ReadAllBytes(a.Output), File.ReadAllBytes(b.Output));
        double spanS = Convert.ToDouble(Scalar($"SELECT max(arrival_s) FROM read_parquet({Q(a.Output)})"));
        // Mean rate within 5 % of 5 req/s over ~30k arrivals (gamma CV 2 gives a relative error of about 2/sqrt(n)).
        Assert.InRange(rows / spanS, 4.75, 5.25);
    }

    [Fact]
    public async Task ServeGen_client_generates_seeded_arrivals_near_the_window_rates()
    {
        string input = SharedData.Path("traces/servegen/reason/deepseek-r1/chunk-1-trace.csv");
        Assert.Equal("servegen", TraceReplay.Ingest.Requests.RequestFormats.Detect(input));
        string dir = Temp.Dir();
        var a = await Run.Requests(new(new[] { input }, Path.Combine(dir, "a.parquet"), Seed: 3));
        var b = await Run.Requests(new(new[] { input }, Path.Combine(dir, "b.parquet"), Seed: 3));
        Assert.Equal(File.ReadAllBytes(a.Output), File.ReadAllBytes(b.Output));
        Assert.Equal(144, a.Counts.RowsRead); // 144 windows of 600 s = 1 day
        // Expected count = sum(rate x 600) = 10,815; a renewal process per window stays within a few percent.
        Assert.InRange(a.Counts.RowsWritten, 10_815 * 0.93, 10_815 * 1.07);
        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT count(*) FROM read_parquet({Q(a.Output)}) WHERE prompt_tokens <= 0")));
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public async Task ServeGen_m_large_client_61_with_duration_cap()
    {
        string input = SharedData.Path("traces/servegen/language/m-large/chunk-61-trace.csv");
        var r = await Run.Requests(new(new[] { input }, Path.Combine(Temp.Dir(), "a.parquet"), Seed: 1, DurationS: 600));
        Assert.True(r.Counts.RowsWritten > 0);
        Assert.True(Convert.ToDouble(Scalar($"SELECT max(arrival_s) FROM read_parquet({Q(r.Output)})")) < 600);
    }

    [Fact]
    public async Task ServeGen_client_without_lengths_file_gets_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<TraceReplay.Ingest.Diagnostics.IngestException>(
            () => Run.Requests(SharedData.Path("traces/servegen/language/m-large/chunk-0-trace.csv")));
        Assert.Contains("chunk-0-dataset.json", ex.Message);
    }

    [Fact]
    public async Task Two_files_merge_by_arrival_with_fresh_ids()
    {
        string dir = Temp.Dir();
        string[] inputs = [SharedData.Path("traces/azure-2023/AzureLLMInferenceTrace_code.csv"), SharedData.Path("traces/azure-2023/AzureLLMInferenceTrace_conv.csv")];
        var r = await Run.Requests(new(inputs, Path.Combine(dir, "m.parquet")));
        Assert.Equal(8819 + 19366, r.Counts.RowsWritten);
        Assert.Equal(0L, Convert.ToInt64(Scalar(
            $"SELECT count(*) FROM (SELECT arrival_ns - lag(arrival_ns) OVER (ORDER BY request_id) AS d FROM read_parquet({Q(r.Output)})) WHERE d < 0")));
        Assert.Equal(8819L + 19366 - 1, Convert.ToInt64(Scalar($"SELECT max(request_id) FROM read_parquet({Q(r.Output)})")));
    }
}
