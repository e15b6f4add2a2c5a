import { z } from "zod";
import { invalidHostPattern } from "../../../record/host-patterns.ts";
import { optionsSchema } from "../../option-table.ts";
import type { OptionTable } from "../../option-table.ts";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" });

/** Every option of `qaops record`, declared once; the order is the order of --help. */
export const recordOptionTable = {
  port: {
    yargs: {
      type: "number",
      default: 8080,
      describe: "Port on 127.0.0.1 to listen on; 0 picks a free one",
    },
    schema: z.number().int("must be an integer").min(0).max(65_535, "must be from 0 to 65535"),
  },
  out: {
    yargs: {
      type: "string",
      describe: "HAR file to write (default capture-<date>-<time>.har); replaced if it exists",
    },
    schema: z.string().min(1, "must not be empty").optional(),
  },
  host: {
    yargs: {
      type: "string",
      array: true,
      describe:
        "Record only hosts matching this pattern (`*` wildcard, e.g. '*.example.com'); HTTPS to others is tunnelled, not decrypted. Repeatable",
    },
    schema: z
      .array(
        z.string().superRefine((pattern, context) => {
          const problem = invalidHostPattern(pattern);
          if (problem) context.addIssue({ code: "custom", message: problem });
        }),
      )
      .optional(),
  },
  browser: {
    yargs: {
      type: "string",
      describe:
        "Open Chromium (or the browser at this path) through the proxy with the CA trusted; stop when it closes",
    },
    schema: z.string().optional(),
  },
  url: {
    yargs: { type: "string", describe: "With --browser: the page to open first" },
    schema: httpUrl.optional(),
  },
  redact: {
    yargs: {
      type: "boolean",
      describe:
        "Also write <out>.redacted.har with secrets replaced by env var placeholders, for sharing",
    },
    schema: z.boolean().optional(),
  },
  convert: {
    yargs: {
      type: "boolean",
      describe: "When recording stops, run qaops convert on the capture (needs --service)",
    },
    schema: z.boolean().optional(),
  },
  service: {
    yargs: {
      type: "string",
      describe: "With --convert: names tests/api/<service>/ and the env vars",
    },
    schema: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, "must be a lower-case name of letters, digits and -")
      .optional(),
  },
  convertOut: {
    yargs: { type: "string", describe: "With --convert: folder for the specs (convert's --out)" },
    schema: z.string().min(1, "must not be empty").optional(),
  },
  verify: {
    yargs: { type: "string", describe: "With --convert: passed on as convert's --verify URL" },
    schema: httpUrl.optional(),
  },
  record: {
    yargs: { type: "string", describe: "With --convert: passed on as convert's --record URL" },
    schema: httpUrl.optional(),
  },
} satisfies OptionTable;

/** Validated once, at start; each message names the option. */
export const recordOptions = optionsSchema(recordOptionTable)
  // The command to record, after `--`: yargs collects it, no option declares it.
  .extend({ "--": z.array(z.string()).optional() })
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

export type RecordArgs = z.input<typeof recordOptions>;
