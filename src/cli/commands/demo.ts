import type { CommandModule } from "yargs";
import { waitForShutdownSignal } from "../shutdown-signal.ts";
import { UsageError } from "../usage-error.ts";

interface DemoArgs {
  port: number;
  host: string;
  shards: number;
  quiet: boolean;
}

export const demoCommand: CommandModule<object, DemoArgs> = {
  command: "demo",
  describe: "Start the demo delivery platform (order, eta, recommendation) until Ctrl-C",
  builder: (y) =>
    y
      .option("port", {
        type: "number",
        default: Number(process.env.DEMO_PORT ?? 4310),
        describe:
          "Port of the order service; eta and recommendation use the next two (env DEMO_PORT)",
      })
      .option("host", { type: "string", default: "127.0.0.1", describe: "Interface to listen on" })
      .option("shards", {
        type: "number",
        default: 4,
        describe: "Order hash shards (order id % N)",
      })
      .option("quiet", { type: "boolean", default: false, describe: "No request log lines" })
      .check((argv) => {
        if (!Number.isInteger(argv.port) || argv.port < 0 || argv.port > 65_533) {
          throw new UsageError(`--port must be an integer from 0 to 65533, got ${argv.port}`);
        }
        if (!Number.isInteger(argv.shards) || argv.shards < 1 || argv.shards > 64) {
          throw new UsageError(`--shards must be an integer from 1 to 64, got ${argv.shards}`);
        }
        return true;
      })
      .example("$0 demo", "order on :4310, eta on :4311, recommendation on :4312")
      .example("$0 demo --port 0 --quiet", "free ports, no request log")
      .epilogue(
        "Every route except /health needs `Authorization: Bearer $DEMO_API_TOKEN` (default demo-token).\n" +
          "Exit codes: 0 stopped by Ctrl-C or SIGTERM; 1 it could not start (a port taken); 2 bad usage.\n" +
          "Routes and payloads: README.md, section 'Demo platform'.",
      ),
  handler: async (argv) => {
    // Loaded here, not at start: the platform is some 45 modules no other command needs.
    const { serviceNames, startDemoPlatform } = await import("../../demo-platform/platform.ts");
    const platform = await startDemoPlatform({
      port: argv.port,
      host: argv.host,
      orderShards: argv.shards,
      apiToken: process.env.DEMO_API_TOKEN || "demo-token",
      ...(argv.quiet ? {} : { log: (line: string) => console.log(line) }),
    });
    for (const name of serviceNames) {
      console.log(`${name.padEnd(15)} ${platform.services[name].url}`);
    }
    console.log("Demo platform ready. Ctrl-C stops it.");
    const signal = await waitForShutdownSignal();
    console.log(`Received ${signal}; stopping.`);
    await platform.close();
  },
};
