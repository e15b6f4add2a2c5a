import type { CommandModule } from "yargs";

export const convertCommand: CommandModule = {
  command: "convert <input..>",
  describe: "Turn captured cURL commands and HAR files into Playwright API tests (coming soon)",
  handler: () => {
    throw new Error("`qaops convert` is not available in this version yet.");
  },
};
