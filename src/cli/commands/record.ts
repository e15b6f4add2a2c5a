import { readFile, writeFile } from "node:fs/promises";
import type { Argv, CommandModule } from "yargs";
import { HostPatterns } from "../../record/host-patterns.ts";
import { ExitError } from "../exit-error.ts";
import { LiveLine } from "../live-line.ts";
import { declareOptions, optionUsageError } from "../option-table.ts";
import { waitForShutdownSignal } from "../shutdown-signal.ts";
import { recordOptionTable, recordOptions } from "./record/record-options.ts";
import type { RecordArgs } from "./record/record-options.ts";

export const recordCommand: CommandModule<object, RecordArgs> = {
  command: "record",
  describe: "Record HTTP/HTTPS traffic through a local proxy into a HAR file (and tests)",
  builder: (y) => recordBuilder(y),
  handler: async (argv) => {
    const options = recordOptions.parse(argv);
    const { recordTraffic } = await import("../../record/record-traffic.ts");
    const live = process.stderr.isTTY ? new LiveLine(process.stderr) : null;
    const command = options["--"] ?? [];
    const { CommandNotStarted } = await import("../../record/recorded-command.ts");
    const result = await recordTraffic({
      env: process.env,
      port: options.port,
      ...(options.out ? { out: options.out } : {}),
      hosts: new HostPatterns(options.host ?? []),
      mode:
        command.length > 0
          ? { kind: "command", command }
          : options.browser !== undefined
            ? { kind: "browser", executable: options.browser, startUrl: options.url }
            : { kind: "proxy", untilStopped: waitForShutdownSignal },
      print: (line) => {
        live?.finish();
        console.error(line);
      },
      // The command being recorded owns the terminal; a live line would tear its output.
      ...(live && command.length === 0 ? { onProgress: (line) => live.update(line) } : {}),
      onStop: () => live?.finish(),
    }).catch((error: unknown) => {
      if (error instanceof CommandNotStarted) throw new ExitError(error.exitCode, error.message);
      throw error;
    });
    if (options.redact) await writeRedactedCopy(result.harPath, options.service);
    const convertCode = options.convert
      ? await convertCapture(result.harPath, { ...options, service: options.service ?? "" })
      : 0;
    if (result.commandExitCode !== 0) throw new ExitError(result.commandExitCode);
    if (convertCode !== 0) throw new ExitError(convertCode);
  },
};

function recordBuilder(y: Argv): Argv<RecordArgs> {
  const withCa = y.parserConfiguration({ "populate--": true }).command(
    "ca",
    "Print where the recording CA is and how to trust it (made on first use)",
    (sub) => sub,
    async () => {
      const { printTrustInstructions } = await import("../../record/record-traffic.ts");
      for (const line of await printTrustInstructions(process.env)) console.log(line);
    },
  );
  return declareOptions<RecordArgs>(withCa, recordOptionTable)
    .check((argv) => {
      const parsed = recordOptions.safeParse(argv);
      if (parsed.success) return true;
      throw optionUsageError(recordOptionTable, parsed.error.issues[0]!, argv);
    })
    .example("$0 record --port 8080 --out orders.har", "a proxy for any client; Ctrl-C stops")
    .example(
      "$0 record --out orders.har -- npx playwright test --project ui",
      "record what a command sends (HTTP_PROXY, HTTPS_PROXY, NODE_EXTRA_CA_CERTS set for it)",
    )
    .example(
      "$0 record --browser --host 'api.example.com' --convert --service order",
      "browse by hand; when the browser closes, the API calls become tests/api/order/",
    )
    .example("$0 record ca", "where the CA is and how to trust it (Firefox, devices, system)")
    .epilogue(
      [
        "The HAR is the raw capture: secrets included, written readable by you only. --redact writes a copy to share.",
        "Exit codes: 0 the recording stopped (Ctrl-C, the browser closed); with a command, the command's own; with --convert, convert's when it fails (a failing command's wins); 1 the recording could not start; 2 bad usage.",
        "Static files, analytics beacons and CORS preflights are recorded but skipped by --convert.",
        "The CA lives in $XDG_CONFIG_HOME/qaops/ca/ (default ~/.config/qaops/ca/). Docs: docs/record.md.",
      ].join("\n"),
    );
}

async function writeRedactedCopy(harPath: string, service: string | undefined): Promise<void> {
  const { redactHar } = await import("../../record/redact-har.ts");
  const { redactedHarPath } = await import("../../record/recording-messages.ts");
  const redacted = redactHar(await readFile(harPath, "utf8"), service);
  const path = redactedHarPath(harPath);
  await writeFile(path, redacted.text);
  for (const warning of redacted.warnings) console.error(`warning: ${warning}`);
  console.error(
    `wrote ${path}: ${redacted.placeholders.length} secret value(s) replaced by placeholders` +
      (redacted.placeholders.length > 0 ? ` (${redacted.placeholders.join(", ")})` : ""),
  );
}

async function convertCapture(
  harPath: string,
  options: { service: string; convertOut?: string; verify?: string; record?: string },
): Promise<number> {
  const { convertRecording } = await import("../../record/convert-recording.ts");
  return convertRecording(
    {
      harPath,
      service: options.service,
      ...(options.convertOut ? { out: options.convertOut } : {}),
      ...(options.verify ? { verify: options.verify } : {}),
      ...(options.record ? { record: options.record } : {}),
    },
    process.env,
  );
}
