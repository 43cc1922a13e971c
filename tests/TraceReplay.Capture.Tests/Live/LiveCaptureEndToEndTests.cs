using TraceReplay.Capture.Live;
using TraceReplay.Capture.Tests.Infrastructure;
using TraceReplay.Core.Requests;
using TraceReplay.Parquet.Requests;

namespace TraceReplay.Capture.Tests.Live;

/// <summary>A real sample gateway process, a real EventPipe session, real Parquet: no mocks.</summary>
public sealed class LiveCaptureEndToEndTests
{
    [Fact]
    public async Task Capture_records_exactly_the_requests_the_gateway_served()
    {
        using GatewayProcess gateway = await GatewayProcess.StartAsync();
        Assert.Equal("arrived 1000", await gateway.SendAsync("arrive 1000 5")); // before the session: must not appear

        await using LiveCaptureSession session = await LiveCaptureSession.StartAsync(gateway.Pid);
        await gateway.WaitUntilAsync("requests=true");
        // A fixed pseudo-random set of requests (seeded), plus one that completes a pre-capture arrival.
        var random = new Random(20240917);
        var served = new List<(long Id, int Prompt, int Output)>();
        for (int i = 0; i < 40; i++)
        {
            (long id, int prompt, int output) = (i + 1, random.Next(1, 8000), random.Next(0, 600));
            Assert.Equal($"served {id}", await gateway.SendAsync($"serve {id} {prompt} {output} sample-model"));
            served.Add((id, prompt, output));
        }
        Assert.Equal("arrived 2001", await gateway.SendAsync("arrive 2001 77"));
        Assert.Equal("arrived 2002", await gateway.SendAsync("arrive 2002 88"));
        LiveCaptureResult result = await session.StopAsync();

        string dir = Directory.CreateTempSubdirectory("tr-capture-").FullName;
        try
        {
            string path = Path.Combine(dir, "requests.parquet");
            Assert.Equal(served.Count, await CapturedRequestWriter.WriteAsync(path, result));
            var rows = new List<RequestRecord>();
            await foreach (RequestRecord r in RequestParquetReader.ReadAsync(path))
            {
                rows.Add(r);
            }
            Assert.Equal(served.Count, rows.Count);
            Assert.Equal(served.Sum(s => (long)s.Prompt), rows.Sum(r => (long)r.PromptTokens));
            Assert.Equal(served.Sum(s => (long)s.Output), rows.Sum(r => (long)r.OutputTokens));
            Assert.Equal(served.Select(s => s.Id), rows.Select(r => r.Id)); // served one after another: arrival order
            Assert.Equal(0, rows[0].ArrivalNs);
            Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.ArrivalNs <= p.Second.ArrivalNs), "arrivals not sorted");

            Assert.Equal([2001L, 2002L], result.IncompleteIds);
            Assert.Equal(0, result.OrphanEvents);
            Assert.Equal(0, result.EventsLost);
            int firstTokens = served.Count(s => s.Output > 0);
            Assert.Equal(2 * served.Count + firstTokens + 2, result.EventsRead);

            IReadOnlyDictionary<string, string> meta = await RequestParquetReader.ReadMetadataAsync(path);
            Assert.Equal("2", meta[CapturedRequestWriter.IncompleteKey]);
            Assert.Equal(CapturedRequestWriter.Source, meta[CapturedRequestWriter.SourceKey]);
            long start = long.Parse(meta[CapturedRequestWriter.StartEpochNsKey], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(start, result.SessionStartEpochNs - 5_000_000_000, result.SessionEndEpochNs);
            Assert.All(result.Completed.Where(r => r.OutputTokens > 0), r => Assert.NotNull(r.FirstTokenEpochNs));
            Assert.All(result.Completed, r => Assert.Equal("sample-model", r.Model));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
