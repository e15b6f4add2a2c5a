import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { convertCommand } from "./commands/convert.ts";
import { demoCommand } from "./commands/demo.ts";
import { perfCommand } from "./commands/perf.ts";
import { recordCommand } from "./commands/record.ts";
import { reportCommand } from "./commands/report.ts";
import { ExitCode } from "./exit-code.ts";
import { UsageError } from "./usage-error.ts";

/** The only place that decides exit codes: 0 done, 1 failed, 2 bad usage, or an ExitCode's. */
const cli = yargs(hideBin(process.argv))
  .scriptName("qaops")
  .usage(
    "$0 <command> [options]\n\nTurn captured requests into API tests, run them, load-test the services and report to Jira and Slack.",
  )
  .command(demoCommand)
  .command(convertCommand)
  .command(perfCommand)
  .command(recordCommand)
  .command(reportCommand)
  .demandCommand(1, "Name a command; `qaops --help` lists them.")
  .strict()
  .recommendCommands()
  .help()
  .alias("help", "h")
  .version()
  .wrap(Math.min(110, process.stdout.columns || 100))
  .epilogue("Docs: README.md. Every command has --help with examples.")
  .fail((message, error) => {
    throw error ?? new UsageError(message);
  });

try {
  await cli.parseAsync();
} catch (error) {
  const usage = error instanceof UsageError;
  const quiet = error instanceof ExitCode && error.message === "";
  if (!quiet) console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (usage) console.error("Run with --help for usage.");
  process.exitCode = error instanceof ExitCode ? error.code : usage ? 2 : 1;
}
