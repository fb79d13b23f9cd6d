using Webcare.Bot.Cli;

return await CliApplication.Build().Parse(args).InvokeAsync();
