using TraceReplay.Capture.Live;

namespace TraceReplay.Capture.Tests.Live;

public sealed class RequestPairerTests
{
    [Fact]
    public void Every_event_is_accounted_for()
    {
        var p = new RequestPairer();
        p.Add(new(RequestEventKind.Completed, 9, 50, 12));          // arrived before the capture: orphan
        p.Add(new(RequestEventKind.Arrived, 1, 100, 500, "m", "s1"));
        p.Add(new(RequestEventKind.Arrived, 2, 150, 40));
        p.Add(new(RequestEventKind.FirstToken, 1, 300, 0));
        p.Add(new(RequestEventKind.FirstToken, 1, 310, 0));          // second first token: orphan
        p.Add(new(RequestEventKind.Completed, 1, 900, 64));
        p.Add(new(RequestEventKind.Arrived, 1, 950, 7));             // id reused: duplicate
        p.Add(new(RequestEventKind.Arrived, 3, 1000, 8));            // never completes: incomplete
        p.Add(new(RequestEventKind.Completed, 2, 1200, 0));          // zero output tokens, no first token

        Assert.Equal(9, p.EventsRead);
        Assert.Equal(2, p.OrphanEvents);
        Assert.Equal(1, p.DuplicateArrivals);
        Assert.Equal([3L], p.IncompleteIds);
        CapturedRequest one = Assert.Single(p.Completed, r => r.RequestId == 1);
        Assert.Equal(new CapturedRequest(1, 100, 300, 900, 500, 64, "m", "s1"), one);
        Assert.Equal(200e-9, one.TtftSeconds!.Value, 15);
        Assert.Equal(800e-9, one.E2eSeconds, 15);
        CapturedRequest two = Assert.Single(p.Completed, r => r.RequestId == 2);
        Assert.Null(two.FirstTokenEpochNs);
        Assert.Equal(0, two.OutputTokens);
        // 9 events = 3 (request 1) + 2 (request 2) + 1 (incomplete 3) + 2 orphans + 1 duplicate
        Assert.Equal(p.EventsRead, 3 + 2 + 1 + p.OrphanEvents + p.DuplicateArrivals);
    }
}
