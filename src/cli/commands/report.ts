import type { CommandModule } from "yargs";
import { resolveOutboxDir } from "../../reporters/delivery/outbox.ts";
import { consoleLog } from "../../reporters/reporter-log.ts";
import { ExitError } from "../exit-error.ts";

interface ReportArgs {
  action: string;
  outbox?: string;
  "dry-run": boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report <action>",
  describe: "Re-send reporter deliveries that failed before (action: replay)",
  builder: (y) =>
    y
      .positional("action", { type: "string", choices: ["replay"], demandOption: true })
      .option("outbox", {
        type: "string",
        describe: "Outbox folder (env QAOPS_OUTBOX_DIR; default .qaops/outbox)",
      })
      .option("dry-run", {
        type: "boolean",
        default: false,
        describe: "List what is waiting; send nothing",
      })
      .example("$0 report replay", "deliver what the Jira and Slack reporters could not")
      .example("$0 report replay --dry-run", "list the waiting records")
      .epilogue(
        // One paragraph per line: yargs wraps each to the terminal's width.
        "Credentials come from the environment, as for the reporters: JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PROJECT_KEY (JIRA_DEPLOYMENT=data-center for a personal access token) and SLACK_WEBHOOK_URL.\n" +
          "Exit codes: 0 nothing left (or --dry-run); 1 some records are still waiting; 2 bad usage.",
      ),
  handler: async (argv) => {
    const dir = resolveOutboxDir(argv.outbox, process.env);
    const log = consoleLog("replay");
    // Loaded here, not at CLI start: it pulls in the Jira and Slack clients.
    const { replayOutbox } = await import("../../reporters/replay-outbox.ts");
    const report = await replayOutbox({ dir, env: process.env, dryRun: argv["dry-run"], log });
    const total = report.delivered.length + report.left.length;
    if (total === 0) {
      console.log(`replay: nothing waiting in ${dir}`);
      return;
    }
    console.log(
      `replay: ${report.delivered.length} record(s) delivered, ${report.left.length} left in ${dir}`,
    );
    // Each record left was named above with its reason; only the exit code is left to set.
    if (report.left.length > 0 && !argv["dry-run"]) throw new ExitError(1);
  },
};
