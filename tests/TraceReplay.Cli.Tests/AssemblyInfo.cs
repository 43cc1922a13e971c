// The CLI writes to the process-wide console (Spectre.Console progress displays are exclusive), so tests that run
// commands in-process must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
