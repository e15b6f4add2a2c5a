import { z } from "zod";
import { optionsSchema } from "../../option-table.ts";
import type { OptionTable } from "../../option-table.ts";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" });

/** Every option of `qaops convert`, declared once; the order is the order of --help. */
export const convertOptionTable = {
  input: {
    positional: true,
    yargs: {
      type: "string",
      array: true,
      demandOption: true,
      describe:
        "Capture files: bash/cmd/PowerShell curl commands (one or many) or a HAR 1.2 file; - reads stdin",
    },
    schema: z
      .array(z.string().min(1, "an input path is empty"))
      .min(1, "name at least one capture file, or - for stdin")
      .refine((inputs) => inputs.filter((input) => input === "-").length <= 1, {
        message: "stdin (-) can be read only once",
      }),
  },
  service: {
    yargs: {
      type: "string",
      demandOption: true,
      describe: "Service the tests belong to: names tests/api/<service>/ and the env vars",
    },
    schema: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]*$/,
        "must be a lower-case name of letters, digits and -, starting with a letter (it names tests/api/<service>/ and prefixes env vars)",
      ),
  },
  out: {
    yargs: { type: "string", describe: "Folder for the specs (default tests/api/<service>/)" },
    schema: z.string().min(1, "must not be empty").optional(),
  },
  record: {
    yargs: {
      type: "string",
      describe:
        "Replay the capture 3 times against this base URL, in fresh state: curl commands get the responses they lacked, and what differs between runs is asserted by type, not value",
    },
    schema: httpUrl.optional(),
  },
  verify: {
    yargs: {
      type: "string",
      describe:
        "Run the written specs against this base URL (--verify-runs times) and say which are stable; what fails on some runs only is asserted less. Replays the capture there first, as --record does",
    },
    schema: httpUrl.optional(),
  },
  verifyRuns: {
    yargs: { type: "number", describe: "How many times --verify runs the specs (default 3)" },
    schema: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(20, "must be at most 20")
      .optional(),
  },
  llm: {
    yargs: {
      type: "boolean",
      describe:
        "Let a model refine the plan (names, business rules, negative cases), checked against the capture; saves <out>/.qaops-plan.json",
    },
    schema: z.boolean().optional(),
  },
  llmDryRun: {
    yargs: {
      type: "boolean",
      describe: "Print the exact prompts --llm would send; send nothing, write nothing",
    },
    schema: z.boolean().optional(),
  },
  fromPlan: {
    yargs: {
      type: "boolean",
      describe: "The inputs are saved .qaops-plan.json files: render them again, no model",
    },
    schema: z.boolean().optional(),
  },
  load: {
    yargs: {
      type: "boolean",
      describe:
        "Also write a load scenario (Artillery) sending the same requests (default tests/perf/captured/<service>.ts; run it with qaops perf captured/<service>)",
    },
    schema: z.boolean().optional(),
  },
  loadOut: {
    yargs: { type: "string", describe: "File for the load scenario; implies --load" },
    schema: z.string().min(1, "must not be empty").optional(),
  },
  keepHeaders: {
    yargs: {
      type: "string",
      describe:
        "all: keep browser-only headers too (sec-ch-*, sec-fetch-*, a browser User-Agent, Priority…); only what the test's client sets itself is left out",
    },
    schema: z.literal("all", { error: 'must be "all"' }).optional(),
  },
} satisfies OptionTable;

/** Validated once, at start; each message names the option. */
export const convertOptions = optionsSchema(convertOptionTable);

export type ConvertArgs = z.input<typeof convertOptions>;
export type ConvertOptions = z.output<typeof convertOptions>;
