using TraceReplay.Cli;

return CliApp.Run(args);
