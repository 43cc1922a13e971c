using System.Globalization;
using System.Text;
using System.Text.Json;
using TraceReplay.Core.IO;
using TraceReplay.Core.Requests;
using TraceReplay.Core.Text;

namespace TraceReplay.Ingest.Requests;

/// <summary>
/// Mooncake JSONL (<c>{"timestamp": ms, "input_length", "output_length", "hash_ids": [...]}</c>), one request per
/// line. Timestamps are relative ms; hash_ids are 512-token prefix blocks, kept for prefix-cache replay. The
/// timestamp quantum (3000 ms in the conversation trace) is measured by a first pass (gcd of timestamps) and stored.
/// </summary>
public sealed class MooncakeReader : IRequestReader
{
    public const int BlockTokens = 512;

    public string Format => "mooncake";

    public IEnumerable<RequestRow> Read(string path, IngestContext context)
    {
        int? quantumMs = MeasureQuantumMs(path);
        if (quantumMs is { } q)
        {
            context.Metadata.TryAdd("tracereplay.arrival_quantum_ms", q.ToString(CultureInfo.InvariantCulture));
        }
        using var reader = new StreamReader(InputFile.Open(path), Encoding.UTF8, true, 1 << 16);
        string source = Path.GetFileName(path);
        var clock = new ArrivalClock();
        long line = 0, id = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            context.CountRow();
            string? error = Parse(text, out long tsMs, out int input, out int output, out long[]? hashes, out string field);
            long arrivalNs = 0;
            if (error is null && (error = clock.NextUnits(tsMs, 1_000_000, "ms", out arrivalNs)) is not null)
            {
                field = "timestamp";
            }
            if (error is not null)
            {
                context.Reject(path, line, field, error, text);
                continue;
            }
            if (hashes is not null)
            {
                context.Metadata.TryAdd(RequestColumns.MetaHashBlockTokens, BlockTokens.ToString(CultureInfo.InvariantCulture));
            }
            yield return new RequestRow(new RequestRecord(id++, arrivalNs, input, output), false, source, line,
                ArrivalQuantumMs: quantumMs, HashIds: hashes, BlockTokens: hashes is null ? null : BlockTokens);
        }
        if (line == 0)
        {
            throw Diagnostics.IngestException.File(path, "empty file: expected one JSON request per line");
        }
    }

    private static string? Parse(string text, out long tsMs, out int input, out int output, out long[]? hashes, out string field)
    {
        try
        {
            return ParseCore(text, out tsMs, out input, out output, out hashes, out field);
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json on a value of the wrong kind or invalid UTF-8: a bad row, not a crash.
            (tsMs, input, output, hashes, field) = (0, 0, 0, null, "-");
            return $"malformed JSON value ({ex.Message})";
        }
    }

    private static string? ParseCore(string text, out long tsMs, out int input, out int output, out long[]? hashes, out string field)
    {
        tsMs = 0;
        input = output = 0;
        hashes = null;
        field = "-";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return $"expected one JSON object per line: {ex.Message}";
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "expected a JSON object";
            }
            if (!TryLong(root, field = "timestamp", out tsMs) || tsMs < 0)
            {
                return "expected a non-negative integer timestamp in ms";
            }
            if (!TryLong(root, field = "input_length", out long inLen) || inLen < 0 || inLen > int.MaxValue)
            {
                return "expected a non-negative integer token count";
            }
            if (!TryLong(root, field = "output_length", out long outLen) || outLen < 0 || outLen > int.MaxValue)
            {
                return "expected a non-negative integer token count";
            }
            (input, output) = ((int)inLen, (int)outLen);
            field = "hash_ids";
            if (root.TryGetProperty("hash_ids", out JsonElement h) && h.ValueKind != JsonValueKind.Null)
            {
                if (h.ValueKind != JsonValueKind.Array)
                {
                    return "expected an array of integers";
                }
                hashes = new long[h.GetArrayLength()];
                int i = 0;
                foreach (JsonElement e in h.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out hashes[i++]))
                    {
                        return $"expected integer block hashes, got {Fields.Clip(e.GetRawText())}";
                    }
                }
            }
            return null;
        }
    }

    private static bool TryLong(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number
            && (e.TryGetInt64(out value) || (e.TryGetDouble(out double d) && d == Math.Floor(d) && (value = (long)d) == d));
    }

    private static int? MeasureQuantumMs(string path)
    {
        // The conversation trace sits on a ~3 s grid with ms jitter (0, 3000, 5999, ...): pick the coarsest candidate
        // grid that at least 95 % of timestamps lie within 5 ms of. Finer traces (Poisson synthetic) get none.
        int[] candidates = [60_000, 10_000, 5_000, 3_000, 1_000];
        long[] near = new long[candidates.Length];
        long total = 0;
        using var reader = new StreamReader(InputFile.Open(path), Encoding.UTF8, true, 1 << 16);
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            int k = text.IndexOf("\"timestamp\"", StringComparison.Ordinal);
            if (k < 0)
            {
                continue;
            }
            ReadOnlySpan<char> rest = text.AsSpan(k + 11).TrimStart(" :");
            int end = 0;
            while (end < rest.Length && char.IsAsciiDigit(rest[end]))
            {
                end++;
            }
            if (long.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out long ts))
            {
                total++;
                for (int i = 0; i < candidates.Length; i++)
                {
                    long r = ts % candidates[i];
                    near[i] += Math.Min(r, candidates[i] - r) <= 5 ? 1 : 0;
                }
            }
        }
        for (int i = 0; i < candidates.Length; i++)
        {
            if (total > 1 && near[i] >= 0.95 * total)
            {
                return candidates[i];
            }
        }
        return null;
    }
}
