import type { CommandModule } from "yargs";

export const reportCommand: CommandModule = {
  command: "report <action>",
  describe: "Re-send reporter deliveries that failed before (coming soon)",
  handler: () => {
    throw new Error("`qaops report` is not available in this version yet.");
  },
};
