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
import type { convertLlmStep } from "../../../tools/curl-to-test/llm/convert-llm-step.ts";
import { diagnosticLines, failureLines, summaryLines } from "../convert-messages.ts";
import { ProgressBar } from "../progress-bar.ts";
import { UsageError } from "../usage-error.ts";

interface ConvertArgs {
  input: string[];
  service: string;
  out?: string;
  record?: string;
  verify?: string;
  verifyRuns?: number;
  llm?: boolean;
  llmDryRun?: boolean;
  fromPlan?: boolean;
  load?: boolean;
  loadOut?: string;
  keepHeaders?: string;
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
  verify: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).optional(),
  verifyRuns: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(20, "must be at most 20")
    .optional(),
  llm: z.boolean().optional(),
  llmDryRun: z.boolean().optional(),
  fromPlan: z.boolean().optional(),
  load: z.boolean().optional(),
  loadOut: z.string().min(1, "must not be empty").optional(),
  keepHeaders: z.literal("all", { error: 'must be "all"' }).optional(),
});

const optionNames: Record<string, string> = {
  input: "<input>",
  service: "--service",
  out: "--out",
  record: "--record",
  loadOut: "--load-out",
  keepHeaders: "--keep-headers",
  verify: "--verify",
  verifyRuns: "--verify-runs",
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
          "Replay the capture 3 times against this base URL, in fresh state: curl commands get the responses they lacked, and what differs between runs is asserted by type, not value",
      })
      .option("verify", {
        type: "string",
        describe:
          "Run the written specs against this base URL (--verify-runs times) and say which are stable; what fails on some runs only is asserted less. Replays the capture there first, as --record does",
      })
      .option("verify-runs", {
        type: "number",
        describe: "How many times --verify runs the specs (default 3)",
      })
      .option("llm", {
        type: "boolean",
        describe:
          "Let a model refine the plan (names, business rules, negative cases), checked against the capture; saves <out>/.qaops-plan.json",
      })
      .option("llm-dry-run", {
        type: "boolean",
        describe: "Print the exact prompts --llm would send; send nothing, write nothing",
      })
      .option("from-plan", {
        type: "boolean",
        describe: "The inputs are saved .qaops-plan.json files: render them again, no model",
      })
      .option("load", {
        type: "boolean",
        describe:
          "Also write a load scenario (Artillery) sending the same requests (default tests/perf/captured/<service>.ts; run it with qaops perf captured/<service>)",
      })
      .option("load-out", {
        type: "string",
        describe: "File for the load scenario; implies --load",
      })
      .option("keep-headers", {
        type: "string",
        describe:
          "all: keep browser-only headers too (sec-ch-*, sec-fetch-*, a browser User-Agent, Priority…); only what the test's client sets itself is left out",
      })
      .conflicts("llm", "llm-dry-run")
      .conflicts("from-plan", ["llm", "llm-dry-run", "record", "verify"])
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
      .example(
        "$0 convert orders.har --service order --verify http://127.0.0.1:4310",
        "replay the capture there, write the specs, run them 3 times and report which are stable",
      )
      .example(
        "$0 convert orders.har --service order --load",
        "the specs, and tests/perf/captured/order.ts: the same traffic as load (qaops perf captured/order)",
      )
      .example(
        "$0 convert orders.har --service order --llm",
        "a model (OPENAI_API_KEY, OPENAI_BASE_URL, QAOPS_LLM_MODEL) refines the plan; see docs/convert-llm.md",
      )
      .example(
        "$0 convert tests/api/order/.qaops-plan.json --service order --from-plan",
        "render a saved (reviewed, edited) plan again, without any model",
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
    const { captureReplayer } =
      await import("../../../tools/curl-to-test/record/replay-capture.ts");
    const outDir = options.out ?? join("tests", "api", options.service);
    const { defaultLoadScenarioPath, writeLoadScenario } =
      await import("../../../tools/curl-to-test/write-load-scenario.ts");
    const loadPath =
      options.load || options.loadOut
        ? (options.loadOut ?? defaultLoadScenarioPath(options.service))
        : null;
    let llmBar: ProgressBar | null = null;
    let llm: ReturnType<typeof convertLlmStep> | null = null;
    // The model step is loaded only when a model is asked for: it is the heaviest part.
    if (options.llm || options.llmDryRun) {
      const { convertLlmStep } =
        await import("../../../tools/curl-to-test/llm/convert-llm-step.ts");
      const { LlmOptionsError } = await import("../../../tools/curl-to-test/llm/llm-options.ts");
      try {
        llm = convertLlmStep({
          dryRun: options.llmDryRun === true,
          onProgress: (progress) => {
            if (!process.stderr.isTTY) return;
            llmBar ??= new ProgressBar(process.stderr);
            const label = progress.retrying
              ? `waiting ${Math.ceil(progress.retrying.delayMs / 1000)} s to retry: ${progress.retrying.reason}`
              : "asking the model";
            llmBar.update(label, progress.done, progress.total);
          },
        });
      } catch (error) {
        if (error instanceof LlmOptionsError) throw new UsageError(error.message);
        throw error;
      }
    }

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

    if (options.fromPlan) {
      const { renderPlanFiles } =
        await import("../../../tools/curl-to-test/llm/convert-llm-step.ts");
      const rendered = await renderPlanFiles(inputs, options.service);
      const written = await writeConversion({
        outDir,
        specs: rendered.specs,
        envVars: rendered.envVars,
      });
      const failures = [...readFailures, ...rendered.failures];
      const [firstPlan] = rendered.plans;
      if (loadPath && firstPlan) {
        const load = await writeLoadScenario({
          plan: {
            ...firstPlan,
            envVars: rendered.envVars,
            specs: rendered.plans.flatMap((plan) => plan.specs),
          },
          path: loadPath,
          capturedSecrets: new Map(),
        });
        for (const warning of load.warnings) console.error(`warning: ${loadPath}: ${warning}`);
        if (load.written) written.push(load.written);
      }
      for (const line of failures.flatMap(failureLines)) console.error(line);
      for (const path of written) console.log(`wrote ${path}`);
      if (failures.length > 0) {
        throw new Error(`${failures.length} plan(s) could not be rendered (see above)`);
      }
      return;
    }

    const totalBytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
    const replayTarget = options.record ?? options.verify;
    const bar =
      process.stderr.isTTY && (totalBytes >= progressMinBytes || replayTarget !== undefined)
        ? new ProgressBar(process.stderr)
        : null;
    const result = await convertCaptures({
      inputs,
      service: options.service,
      ...(options.keepHeaders ? { keepHeaders: options.keepHeaders } : {}),
      ...(replayTarget
        ? {
            recordResponses: captureReplayer({
              target: replayTarget,
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
      ...(llm ? { refinePlan: llm.refinePlan } : {}),
    });
    bar?.finish();
    (llmBar as ProgressBar | null)?.finish();

    if (options.llmDryRun && llm) {
      for (const line of [...readFailures.flatMap(failureLines), ...diagnosticLines(result)]) {
        console.error(line);
      }
      for (const line of await llm.reportLines()) console.log(line);
      const failed = readFailures.length + result.failures.length;
      if (failed > 0) throw new Error(`${failed} capture(s) could not be converted (see above)`);
      return;
    }

    const written = await writeConversion({
      outDir,
      specs: result.specs,
      envVars: result.plan.envVars,
    });
    if (options.verify && result.specs.length > 0) {
      const { verifyAndRewrite } = await import("../verify-step.ts");
      const verified = await verifyAndRewrite({
        result,
        outDir,
        url: options.verify,
        ...(options.verifyRuns === undefined ? {} : { runs: options.verifyRuns }),
      });
      result.plan = verified.plan;
      result.specs = verified.specs;
    }
    const planPath = llm && result.specs.length > 0 ? await llm.savePlan(outDir, result) : null;
    if (planPath) written.push(planPath);
    const load = loadPath
      ? await writeLoadScenario({
          plan: result.plan,
          path: loadPath,
          capturedSecrets: result.capturedSecrets,
        })
      : null;
    if (load?.written) written.push(load.written);
    if (load?.failure) result.failures.push(load.failure);
    for (const line of [...readFailures.flatMap(failureLines), ...diagnosticLines(result)]) {
      console.error(line);
    }
    for (const warning of load?.warnings ?? []) console.error(`warning: ${loadPath}: ${warning}`);
    for (const line of summaryLines(result, written)) console.log(line);
    for (const line of llm ? await llm.reportLines() : []) console.log(line);

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
