import type { CommandModule } from "yargs";

export const perfCommand: CommandModule = {
  command: "perf <scenario>",
  describe: "Run a k6 scenario from tests/perf/ (coming soon)",
  handler: () => {
    throw new Error("`qaops perf` is not available in this version yet.");
  },
};
