import type { z } from "zod";

/** A reporter option or env var with an invalid value: the one error the reporters throw. */
export class ReporterConfigError extends Error {
  override name = "ReporterConfigError";
}

/** How each setting is spelled for a user: the reporter option and the env var, if it has one. */
export type SettingNames = Record<string, { option: string; env?: string; secret?: boolean }>;

/**
 * Parses raw settings (option, else env var, else default, already merged) and turns the first
 * problem into a message that names the option, its env var and the bad value (never a secret's).
 */
export function parseSettings<Schema extends z.ZodType>(options: {
  reporter: string;
  schema: Schema;
  raw: Record<string, unknown>;
  names: SettingNames;
}): z.output<Schema> {
  const parsed = options.schema.safeParse(options.raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const top = String(issue?.path[0] ?? "");
  const name = options.names[top];
  const spelled = name
    ? `option \`${[name.option, ...(issue?.path.slice(1) ?? [])].join(".")}\`${name.env ? ` (env ${name.env})` : ""}`
    : `option \`${issue?.path.join(".") ?? "?"}\``;
  const value = name?.secret ? "" : `; got ${JSON.stringify(options.raw[top])}`;
  throw new ReporterConfigError(
    `${options.reporter} reporter: ${spelled}: ${issue?.message ?? "invalid"}${value}`,
  );
}

/** An env var as a number where it is set and numeric-looking; otherwise the raw text, for the schema to reject. */
export function envNumber(value: string | undefined): number | string | undefined {
  if (value === undefined || value === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

export function envList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `*_DRY_RUN`: 1 or true for the default file, 0, false or empty for none, else a file name. */
export function envDryRun(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === "" || value === "0" || value === "false") return undefined;
  return value === "1" || value === "true" ? true : value;
}

/** Where a dry run writes, from the parsed `dryRun` setting; undefined when it is off. */
export function dryRunFileOf(dryRun: boolean | string, defaultFile: string): string | undefined {
  if (dryRun === false) return undefined;
  return dryRun === true ? defaultFile : dryRun;
}
