using System.Text.Json;
using TraceReplay.Cli.Tests.Infrastructure;
using TraceReplay.Core.Requests;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Cli.Tests.Commands;

/// <summary>Prefix caching and disaggregated serving through the CLI: Mooncake hashes from JSONL and from ingested Parquet, option errors.</summary>
public sealed class ServingTopologyCommandTests : IDisposable
{
    private static readonly string s_mooncake = InProcess.Data("requests/mooncake.head1000.jsonl");
    private readonly string _dir = Directory.CreateTempSubdirectory("tracereplay-topology-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Ingested_Parquet_keeps_the_hashes_and_their_block_tokens_so_replay_caches_as_from_the_JSONL()
    {
        string parquet = Path.Combine(_dir, "mooncake.parquet");
        Assert.Equal(0, InProcess.Run("ingest", "requests", s_mooncake, "-o", parquet).ExitCode);
        IReadOnlyDictionary<string, string> meta = await RequestParquetReader.ReadMetadataAsync(parquet);
        Assert.Equal("512", meta[RequestColumns.MetaHashBlockTokens]);

        long[] hits = [.. new[] { s_mooncake, parquet }.Select((input, i) =>
        {
            string o = Path.Combine(_dir, $"out{i}");
            InProcess.Result r = InProcess.Run("replay", "--requests", input, "--model", "llama-3.1-8b", "--gpu", "h100", "--replicas", "2",
                "--router", "prefix-aware", "--scheduler", "vllm-v1", "-o", o);
            Assert.True(r.ExitCode == 0, r.ToString());
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(o, "summary.json")));
            Assert.Equal("on", doc.RootElement.GetProperty("prefix_caching").GetString());
            return doc.RootElement.GetProperty("prefix_hit_tokens").GetInt64();
        })];
        Assert.True(hits[0] > 0);
        Assert.Equal(hits[0], hits[1]);
    }

    [Fact]
    public void Disaggregated_replay_writes_the_transfer_and_pool_keys()
    {
        string o = Path.Combine(_dir, "pd");
        InProcess.Result r = InProcess.Run("replay", "--requests", s_mooncake, "--model", "llama-3.1-8b", "--gpu", "h100", "--prefix-caching", "off",
            "--prefill-replicas", "1", "--decode-replicas", "2", "--decode-tp", "2", "--scheduler", "vllm-v1", "-o", o);
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(o, "summary.json")));
        JsonElement root = doc.RootElement;
        Assert.True(root.GetProperty("kv_transfer_bytes").GetDouble() > 0);
        Assert.True(root.GetProperty("kv_transfer_p99_s").GetDouble() >= root.GetProperty("kv_transfer_mean_s").GetDouble() * 0.5);
        Assert.Equal(2, root.GetProperty("pools").GetProperty("decode").GetProperty("tp").GetInt32());
        Assert.Equal(3, root.GetProperty("run").GetProperty("replicas").GetInt32());
        Assert.Equal(400, root.GetProperty("run").GetProperty("kv_link_gbps").GetDouble());
    }

    [Theory]
    [InlineData("--prefill-replicas", "2")]
    [InlineData("--replicas", "2", "--prefill-replicas", "1", "--decode-replicas", "1")]
    [InlineData("--prefix-caching", "maybe")]
    [InlineData("--router", "nearest")]
    [InlineData("--prefill-replicas", "1", "--decode-replicas", "1", "--kv-link-gbps", "0")]
    public void Bad_topology_options_are_usage_errors(params string[] extra)
    {
        InProcess.Result r = InProcess.Run(["replay", "--requests", s_mooncake, "--model", "llama-3.1-8b", "--gpu", "h100", "--scheduler", "vllm-v1",
            "-o", Path.Combine(_dir, "bad"), .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(extra[0] == "--replicas" ? "--replicas" : extra[^2], r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_caching_on_with_a_scheduler_that_cannot_is_a_usage_error()
    {
        InProcess.Result r = InProcess.Run("replay", "--requests", s_mooncake, "--model", "llama-3.1-8b", "--gpu", "h100", "--scheduler", "layered",
            "--prefix-caching", "on", "-o", Path.Combine(_dir, "bad"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("does not support prefix caching", r.StdErr, StringComparison.Ordinal);
    }
}
