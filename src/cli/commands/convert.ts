import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { text as readStream } from "node:stream/consumers";
import type { CommandModule } from "yargs";
import { hideBin } from "yargs/helpers";
import { z } from "zod";
import type {
  CaptureInput,
  ConversionProgress,
} from "../../../tools/curl-to-test/convert-captures.ts";
import type { CaptureFailure } from "../../../tools/curl-to-test/model/captured-request.ts";
import { diagnosticLines, failureLines, summaryLines } from "../convert-messages.ts";
import { ProgressBar } from "../progress-bar.ts";
import { UsageError } from "../usage-error.ts";

interface ConvertArgs {
  input: string[];
  service: string;
  out?: string;
  record?: string;
}

/** Validated once, at start; each message names the option. */
const convertOptions = z.object({
  input: z
    .array(z.string().min(1, "an input path is empty"))
    .min(1, "name at least one capture file, or - for stdin")
    .refine((inputs) => inputs.filter((input) => input === "-").length <= 1, {
      message: "stdin (-) can be read only once",
    }),
  service: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]*$/,
      "must be a lower-case name of letters, digits and -, starting with a letter (it names tests/api/<service>/ and prefixes env vars)",
    ),
  out: z.string().min(1, "must not be empty").optional(),
  record: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).optional(),
});

const optionNames: Record<string, string> = {
  input: "<input>",
  service: "--service",
  out: "--out",
  record: "--record",
};

/** Inputs at least this large (total bytes) show a progress bar on a terminal. */
const progressMinBytes = 256 * 1024;

export const convertCommand: CommandModule<object, ConvertArgs> = {
  command: "convert <input..>",
  describe: "Turn captured cURL commands and HAR files into Playwright API tests",
  builder: (y) =>
    y
      .positional("input", {
        type: "string",
        array: true,
        demandOption: true,
        describe:
          "Capture files: bash/cmd/PowerShell curl commands (one or many) or a HAR 1.2 file; - reads stdin",
      })
      .option("service", {
        type: "string",
        demandOption: true,
        describe: "Service the tests belong to: names tests/api/<service>/ and the env vars",
      })
      .option("out", {
        type: "string",
        describe: "Folder for the specs (default tests/api/<service>/)",
      })
      .option("record", {
        type: "string",
        describe:
          "Replay each request once against this base URL and assert the status and body it returns",
      })
      // yargs drops a lone `-` from variadic positionals; put stdin back where it was asked for.
      .middleware((argv) => {
        argv.input = [...stdinArguments(hideBin(process.argv)), ...(argv.input ?? [])];
      }, true)
      .check((argv) => {
        const parsed = convertOptions.safeParse(argv);
        if (parsed.success) return true;
        const issue = parsed.error.issues[0]!;
        const option = optionNames[String(issue.path[0])] ?? String(issue.path[0]);
        const value = (argv as Record<string, unknown>)[String(issue.path[0])];
        throw new UsageError(`${option} ${issue.message}, got ${JSON.stringify(value)}`);
      })
      .example(
        "$0 convert orders.har --service order",
        "a browser's HAR export → tests/api/order/*.spec.ts, one spec per endpoint or flow",
      )
      .example(
        "pbpaste | $0 convert - --service order",
        'what "Copy as cURL" put on the clipboard, read from stdin',
      )
      .example(
        "$0 convert login.sh checkout.sh --service order --out tests/api/order-checkout",
        "several captures into another folder",
      )
      .example(
        "$0 convert orders.sh --service order --record http://127.0.0.1:4310",
        "curl commands carry no response: replay them against the demo platform to assert one",
      )
      .epilogue(
        [
          "Each request is sent relative to the project's baseURL (<SERVICE>_BASE_URL), never to the captured host.",
          "Secrets (Authorization, cookies, API keys, tokens, passwords) become env vars such as ORDER_AUTHORIZATION_TOKEN,",
          "listed by name in <out>/.env.example; their values never reach a file or the terminal.",
          "Exit codes: 0 everything converted; 1 some input could not be (the rest were written); 2 bad usage.",
          "Warnings go to stderr as `warning: file:line:col: …` and stand in the spec as `// TODO(qaops): …`.",
          "Docs: docs/convert.md.",
        ].join("\n"),
      ),
  handler: async (argv) => {
    const options = convertOptions.parse(argv);
    // Loaded here, not at start: the parsers are heavy and other commands never need them.
    const { convertCaptures } = await import("../../../tools/curl-to-test/convert-captures.ts");
    const { writeConversion } = await import("../../../tools/curl-to-test/write-conversion.ts");
    const { responseRecorder } =
      await import("../../../tools/curl-to-test/record/record-responses.ts");
    const outDir = options.out ?? join("tests", "api", options.service);

    const readFailures: CaptureFailure[] = [];
    const inputs: CaptureInput[] = [];
    for (const name of options.input) {
      try {
        const text = name === "-" ? await readStream(process.stdin) : await readFile(name, "utf8");
        inputs.push({ name, text });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        readFailures.push({
          source: { file: name, line: 0, column: 0 },
          message: `cannot read: ${reason}`,
        });
      }
    }

    const totalBytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
    const bar =
      process.stderr.isTTY && (totalBytes >= progressMinBytes || options.record !== undefined)
        ? new ProgressBar(process.stderr)
        : null;
    const result = await convertCaptures({
      inputs,
      service: options.service,
      ...(options.record
        ? {
            recordResponses: responseRecorder({
              target: options.record,
              ...(bar
                ? { onProgress: (done, total) => bar.update(progressLabels.record, done, total) }
                : {}),
            }),
          }
        : {}),
      ...(bar
        ? {
            onProgress: (progress: ConversionProgress) =>
              bar.update(progressLabels[progress.stage], progress.done, progress.total),
          }
        : {}),
    });
    bar?.finish();

    const written = await writeConversion({
      outDir,
      specs: result.specs,
      envVars: result.plan.envVars,
    });
    for (const line of [...readFailures.flatMap(failureLines), ...diagnosticLines(result)]) {
      console.error(line);
    }
    for (const line of summaryLines(result, written)) console.log(line);

    const failed = readFailures.length + result.failures.length;
    if (failed > 0) {
      throw new Error(
        `${failed} capture(s) could not be converted (see above); the rest were written`,
      );
    }
  },
};

/** Each `-` given as an input (not as the value of an option). */
function stdinArguments(args: readonly string[]): string[] {
  return args.filter(
    (arg, index) => arg === "-" && !/^--?(service|out)$/.test(args[index - 1] ?? ""),
  );
}

const progressLabels: Record<ConversionProgress["stage"], string> = {
  read: "reading captures",
  record: "recording responses",
  plan: "planning tests",
  render: "writing specs",
};
