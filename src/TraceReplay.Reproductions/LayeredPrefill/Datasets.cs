namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>The two workloads of §8 and their TTFT SLOs.</summary>
public static class Datasets
{
    public const string ShareGpt = "sharegpt";
    public const string Arxiv = "arxiv";

    public const string ShareGptFile = "sharegpt_8k_filtered_stats_llama2_tokenizer.csv";
    public const string ArxivFile = "arxiv_summarization_stats_llama2_tokenizer_filtered_v2.csv";

    public static double SloTtftS(string dataset) => dataset switch
    {
        ShareGpt => 5.0,
        Arxiv => 10.0,
        _ => throw new ArgumentException($"unknown dataset '{dataset}'; expected {ShareGpt} or {Arxiv}", nameof(dataset)),
    };

    public static string FileOf(string dataset) => dataset switch
    {
        ShareGpt => ShareGptFile,
        Arxiv => ArxivFile,
        _ => throw new ArgumentException($"unknown dataset '{dataset}'; expected {ShareGpt} or {Arxiv}", nameof(dataset)),
    };
}
