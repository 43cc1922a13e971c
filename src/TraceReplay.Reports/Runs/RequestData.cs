namespace TraceReplay.Reports.Runs;

/// <summary>
/// The columns of a replay's <c>requests.parquet</c> that reports and comparisons use, one array entry per request
/// in file order. Times in seconds; NaN where the replay wrote null (rejected requests, single-token outputs).
/// </summary>
public sealed record RequestData(
    long[] Id, bool[] Completed, double[] ArrivalS, double[] TtftS, double[] TbtMeanS, double[] TbtP99S, double[] TbtMaxS,
    double[] E2eS, int[] PromptTokens, int[] GeneratedTokens, bool?[] SloMet)
{
    public const string FileName = "requests.parquet";

    private static readonly string[] s_columns =
        ["request_id", "status", "arrival_s", "ttft_s", "tbt_mean_s", "tbt_p99_s", "tbt_max_s", "e2e_s", "prompt_tokens", "generated_tokens", "slo_met"];

    public int Count => Id.Length;

    /// <summary>True when the replay ran with an SLO (slo_met is non-null for every completed request).</summary>
    public bool HasSlo => SloMet.Length > 0 && SloMet.All(s => s.HasValue);

    /// <summary>The rows at <paramref name="rows"/>, in that order (aligns two runs of the same trace by request id).</summary>
    public RequestData Select(int[] rows) => new(
        Pick(Id, rows), Pick(Completed, rows), Pick(ArrivalS, rows), Pick(TtftS, rows), Pick(TbtMeanS, rows), Pick(TbtP99S, rows),
        Pick(TbtMaxS, rows), Pick(E2eS, rows), Pick(PromptTokens, rows), Pick(GeneratedTokens, rows), Pick(SloMet, rows));

    public static RequestData Read(string path)
    {
        ParquetTable t = ParquetTable.Read(path, s_columns);
        string?[] status = t.String("status");
        var completed = new bool[t.Rows];
        for (int i = 0; i < t.Rows; i++)
        {
            completed[i] = status[i] switch
            {
                "completed" => true,
                "rejected" => false,
                string s => throw new InvalidDataException($"{path}: row {i}, column 'status': expected completed or rejected, got '{s}'"),
                null => throw new InvalidDataException($"{path}: row {i}, column 'status': expected completed or rejected, got null"),
            };
        }
        return new RequestData(t.Long("request_id"), completed, t.Double("arrival_s"), t.Double("ttft_s"), t.Double("tbt_mean_s"),
            t.Double("tbt_p99_s"), t.Double("tbt_max_s"), t.Double("e2e_s"), t.Int("prompt_tokens"), t.Int("generated_tokens"),
            t.NullableBool("slo_met"));
    }

    private static T[] Pick<T>(T[] source, int[] rows)
    {
        var result = new T[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            result[i] = source[rows[i]];
        }
        return result;
    }
}
