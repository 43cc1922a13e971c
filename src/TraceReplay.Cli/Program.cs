using TraceReplay.Cli;
using TraceReplay.Cli.Replay;

PhaseClock.Start();
int code = CliApp.Run(args);
PhaseClock.Mark("exit: after the command");
PhaseClock.Report(Console.Error);
return code;
