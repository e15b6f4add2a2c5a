import type { CommandModule } from "yargs";
import { hideBin } from "yargs/helpers";
import { declareOptions, optionUsageError } from "../option-table.ts";
import { convertOptionTable, convertOptions } from "./convert/convert-options.ts";
import type { ConvertArgs } from "./convert/convert-options.ts";
import { convertToSpecs } from "./convert/convert-to-specs.ts";
import { printLlmPrompts } from "./convert/print-llm-prompts.ts";
import { renderSavedPlans } from "./convert/render-saved-plans.ts";

export const convertCommand: CommandModule<object, ConvertArgs> = {
  command: "convert <input..>",
  describe: "Turn captured cURL commands and HAR files into Playwright API tests",
  builder: (y) =>
    declareOptions<ConvertArgs>(y, convertOptionTable)
      .conflicts("llm", "llm-dry-run")
      .conflicts("from-plan", ["llm", "llm-dry-run", "record", "verify"])
      // yargs drops a lone `-` from variadic positionals; put stdin back where it was asked for.
      .middleware((argv) => {
        argv.input = [...stdinArguments(hideBin(process.argv)), ...(argv.input ?? [])];
      }, true)
      .check((argv) => {
        const parsed = convertOptions.safeParse(argv);
        if (parsed.success) return true;
        throw optionUsageError(convertOptionTable, parsed.error.issues[0]!, argv);
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
      // One paragraph per line: yargs wraps each to the terminal's width.
      .epilogue(
        [
          "Each request is sent relative to the project's baseURL (<SERVICE>_BASE_URL), never to the captured host.",
          "Secrets (Authorization, cookies, API keys, tokens, passwords) become env vars such as ORDER_AUTHORIZATION_TOKEN, listed by name in <out>/.env.example; their values never reach a file or the terminal.",
          "Exit codes: 0 everything converted; 1 some input could not be converted, or a test failed every --verify run (everything else was written); 2 bad usage.",
          "Warnings go to stderr as `warning: file:line:col: …` and stand in the spec as `// TODO(qaops): …`.",
          "Docs: docs/convert.md.",
        ].join("\n"),
      ),
  handler: async (argv) => {
    const options = convertOptions.parse(argv);
    const mode = options.fromPlan
      ? renderSavedPlans
      : options.llmDryRun
        ? printLlmPrompts
        : convertToSpecs;
    await mode(options);
  },
};

/** Each `-` given as an input (not as the value of an option). */
function stdinArguments(args: readonly string[]): string[] {
  return args.filter(
    (arg, index) => arg === "-" && !/^--?(service|out)$/.test(args[index - 1] ?? ""),
  );
}
