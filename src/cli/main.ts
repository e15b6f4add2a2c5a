import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { convertCommand } from "./commands/convert.ts";
import { demoCommand } from "./commands/demo.ts";
import { perfCommand } from "./commands/perf.ts";
import { recordCommand } from "./commands/record.ts";
import { reportCommand } from "./commands/report.ts";
import { ExitError } from "./exit-error.ts";
import { UsageError } from "./usage-error.ts";

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

// The only place that sets the exit code: 0 done, 1 the work failed, 2 bad usage, or the code
// an `ExitError` carries. Commands throw; nothing else exits.
try {
  await cli.parseAsync();
} catch (error) {
  process.exitCode = reportFailure(error);
}

/** Prints what went wrong, once; returns the exit code it calls for. */
function reportFailure(error: unknown): number {
  if (!(error instanceof ExitError)) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (error.message) console.error(`error: ${error.message}`);
  if (error instanceof UsageError) console.error("Run with --help for usage.");
  return error.exitCode;
}
