import type { Argv, Options, PositionalOptions } from "yargs";
import { z } from "zod";
import { UsageError } from "./usage-error.ts";

/**
 * One command-line option, declared once: how yargs reads it and how zod checks it. The flag is
 * the key in kebab-case (`verifyRuns` → `--verify-runs`), as yargs expands it.
 */
export interface OptionSpec {
  /** Read as a positional argument (`<name>`), not as a `--flag`. */
  positional?: true;
  yargs: Options;
  schema: z.ZodType;
}

export type OptionTable = Record<string, OptionSpec>;

type TableShape<T extends OptionTable> = { [K in keyof T]: T[K]["schema"] };

/** The zod object that validates what yargs parsed, one field per option. */
export function optionsSchema<T extends OptionTable>(table: T): z.ZodObject<TableShape<T>> {
  const shape = Object.fromEntries(Object.entries(table).map(([key, spec]) => [key, spec.schema]));
  return z.object(shape as TableShape<T>);
}

/** Declares every option of the table on a command's yargs, in table order. */
export function declareOptions<Args>(y: Argv, table: OptionTable): Argv<Args> {
  let declared = y;
  for (const [key, spec] of Object.entries(table)) {
    declared = spec.positional
      ? declared.positional(key, spec.yargs as PositionalOptions)
      : declared.option(kebabCase(key), spec.yargs);
  }
  return declared as Argv<Args>;
}

/**
 * How the user wrote an option: `<input>` for a positional, `--load-out` for `loadOut`; a key the
 * table does not declare (such as `--`, what follows it) as it is.
 */
export function optionLabel(table: OptionTable, key: string): string {
  const spec = table[key];
  if (!spec) return key;
  return spec.positional ? `<${key}>` : `--${kebabCase(key)}`;
}

/**
 * The first problem zod found, as a usage error naming the option and the value given; for a
 * repeatable option, the one value at fault rather than the whole list.
 */
export function optionUsageError(
  table: OptionTable,
  issue: z.core.$ZodIssue,
  argv: Record<string, unknown>,
): UsageError {
  const key = String(issue.path[0]);
  const whole = argv[key];
  const at = issue.path[1];
  const value: unknown =
    Array.isArray(whole) && typeof at === "number" ? (whole as unknown[])[at] : whole;
  return new UsageError(
    `${optionLabel(table, key)} ${issue.message}, got ${JSON.stringify(value)}`,
  );
}

function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
