using Gaplens.Cli;

return GaplensCli.Run(args, Console.Out, Console.Error);
