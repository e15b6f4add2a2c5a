import { readFile, writeFile } from "node:fs/promises";
import type { Argv, CommandModule } from "yargs";
import { z } from "zod";
import { HostPatterns, invalidHostPattern } from "../../record/host-patterns.ts";
import { ExitError } from "../exit-error.ts";
import { LiveLine } from "../live-line.ts";
import { waitForShutdownSignal } from "../shutdown-signal.ts";
import { UsageError } from "../usage-error.ts";

interface RecordArgs {
  port: number;
  out?: string;
  host?: string[];
  browser?: string;
  url?: string;
  convert?: boolean;
  service?: string;
  convertOut?: string;
  verify?: string;
  record?: string;
  redact?: boolean;
  "--"?: string[];
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" });

/** Validated once, at start; each message names the option. */
const recordOptions = z
  .object({
    port: z.number().int("must be an integer").min(0).max(65_535, "must be from 0 to 65535"),
    out: z.string().min(1, "must not be empty").optional(),
    host: z
      .array(
        z.string().superRefine((pattern, context) => {
          const problem = invalidHostPattern(pattern);
          if (problem) context.addIssue({ code: "custom", message: problem });
        }),
      )
      .optional(),
    browser: z.string().optional(),
    url: httpUrl.optional(),
    convert: z.boolean().optional(),
    service: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, "must be a lower-case name of letters, digits and -")
      .optional(),
    convertOut: z.string().min(1, "must not be empty").optional(),
    verify: httpUrl.optional(),
    record: httpUrl.optional(),
    redact: z.boolean().optional(),
    "--": z.array(z.string()).optional(),
  })
  .refine((options) => !options.convert || options.service !== undefined, {
    message: "needs --service NAME (it names tests/api/<service>/)",
    path: ["convert"],
  })
  .refine((options) => options.url === undefined || options.browser !== undefined, {
    message: "is the page --browser opens first; add --browser",
    path: ["url"],
  })
  .refine((options) => !(options.browser !== undefined && (options["--"]?.length ?? 0) > 0), {
    message: "and a command after -- cannot be recorded at once; pick one",
    path: ["browser"],
  });

const optionNames: Record<string, string> = { convertOut: "--convert-out", "--": "--" };

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
  return y
    .parserConfiguration({ "populate--": true })
    .command(
      "ca",
      "Print where the recording CA is and how to trust it (made on first use)",
      (sub) => sub,
      async () => {
        const { printTrustInstructions } = await import("../../record/record-traffic.ts");
        for (const line of await printTrustInstructions(process.env)) console.log(line);
      },
    )
    .option("port", {
      type: "number",
      default: 8080,
      describe: "Port on 127.0.0.1 to listen on; 0 picks a free one",
    })
    .option("out", {
      type: "string",
      describe: "HAR file to write (default capture-<date>-<time>.har); replaced if it exists",
    })
    .option("host", {
      type: "string",
      array: true,
      describe:
        "Record only hosts matching this pattern (`*` wildcard, e.g. '*.example.com'); HTTPS to others is tunnelled, not decrypted. Repeatable",
    })
    .option("browser", {
      type: "string",
      describe:
        "Open Chromium (or the browser at this path) through the proxy with the CA trusted; stop when it closes",
    })
    .option("url", { type: "string", describe: "With --browser: the page to open first" })
    .option("redact", {
      type: "boolean",
      describe:
        "Also write <out>.redacted.har with secrets replaced by env var placeholders, for sharing",
    })
    .option("convert", {
      type: "boolean",
      describe: "When recording stops, run qaops convert on the capture (needs --service)",
    })
    .option("service", {
      type: "string",
      describe: "With --convert: names tests/api/<service>/ and the env vars",
    })
    .option("convert-out", {
      type: "string",
      describe: "With --convert: folder for the specs (convert's --out)",
    })
    .option("verify", {
      type: "string",
      describe: "With --convert: passed on as convert's --verify URL",
    })
    .option("record", {
      type: "string",
      describe: "With --convert: passed on as convert's --record URL",
    })
    .check((argv) => {
      const parsed = recordOptions.safeParse(argv);
      if (parsed.success) return true;
      const issue = parsed.error.issues[0]!;
      const key = String(issue.path[0]);
      const option = optionNames[key] ?? `--${key}`;
      const whole = (argv as Record<string, unknown>)[key];
      // A repeatable option names the one value at fault, not the list.
      const at = issue.path[1];
      const value: unknown =
        Array.isArray(whole) && typeof at === "number" ? (whole as unknown[])[at] : whole;
      throw new UsageError(`${option} ${issue.message}, got ${JSON.stringify(value)}`);
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
        "With a command, qaops exits with the command's exit code; otherwise 0, or convert's code with --convert.",
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
