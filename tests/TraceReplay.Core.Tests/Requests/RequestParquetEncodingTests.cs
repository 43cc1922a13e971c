using Parquet;
using TraceReplay.Core.Requests;
using TraceReplay.Parquet.Requests;
using ParquetEncoding = Parquet.Meta.Encoding;

namespace TraceReplay.Core.Tests.Requests;

/// <summary>
/// The id, row and time columns are delta-binary-packed (<see cref="RequestSchema.Encodings"/>): their differences must
/// survive any order and the whole int64 range (a delta of long.MaxValue - long.MinValue wraps), read back by
/// Parquet.Net and independently by DuckDB.
/// </summary>
public sealed class RequestParquetEncodingTests
{
    private static readonly long[] s_extremes = [long.MinValue, long.MaxValue, 0, -1, long.MaxValue, long.MinValue, 5, 4, 1L << 62];

    [Fact]
    public async Task Extreme_and_unsorted_int64_values_round_trip_through_delta_encoding()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "requests.parquet");
        await using (RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, new Dictionary<string, string>()))
        {
            for (int i = 0; i < s_extremes.Length; i++)
            {
                long v = s_extremes[i];
                await writer.AddAsync(new RequestRow(new RequestRecord(v, v, 1, 1), false, "x.csv", v, i % 3 == 0 ? null : v));
            }
        }

        var back = new List<RequestRecord>();
        await foreach (RequestRecord r in RequestParquetReader.ReadAsync(path))
        {
            back.Add(r);
        }
        Assert.Equal(s_extremes, back.Select(r => r.Id));
        Assert.Equal(s_extremes, back.Select(r => r.ArrivalNs));

        List<object?[]> rows = DuckDb.Rows($"SELECT request_id, arrival_ns, row, arrival_epoch_ns, arrival_s FROM {DuckDb.Q(path)}");
        Assert.Equal(s_extremes, rows.Select(r => (long)r[0]!));
        Assert.Equal(s_extremes, rows.Select(r => (long)r[1]!));
        Assert.Equal(s_extremes, rows.Select(r => (long)r[2]!));
        Assert.Equal(s_extremes.Select((v, i) => i % 3 == 0 ? (long?)null : v), rows.Select(r => (long?)r[3]));
        Assert.Equal(s_extremes.Select(v => v / 1e9), rows.Select(r => (double)r[4]!)); // byte-stream-split doubles
    }

    [Fact]
    public async Task Rising_columns_are_written_delta_binary_packed()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "requests.parquet");
        await using (RequestParquetWriter writer = await RequestParquetWriter.CreateAsync(path, new Dictionary<string, string>()))
        {
            for (int i = 0; i < 1000; i++)
            {
                await writer.AddAsync(new RequestRecord(i, i * 1_000_000L, 100, 10));
            }
        }
        await using ParquetReader reader = await ParquetReader.CreateAsync(path);
        var encodings = reader.Metadata!.RowGroups[0].Columns.ToDictionary(c => c.MetaData!.PathInSchema[0], c => c.MetaData!.Encodings);
        foreach (string column in new[] { RequestColumns.RequestId, RequestColumns.ArrivalNs, RequestColumns.Row })
        {
            Assert.Contains(ParquetEncoding.DELTA_BINARY_PACKED, encodings[column]);
        }
        Assert.Contains(ParquetEncoding.BYTE_STREAM_SPLIT, encodings[RequestColumns.ArrivalS]);
    }
}
