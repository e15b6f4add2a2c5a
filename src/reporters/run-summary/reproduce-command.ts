import type { TestRecord } from "./run-summary.ts";

/**
 * The record's own command, else
 * `npx playwright test tests/api/order/orders.spec.ts -g "rejects a bad id" --project=order`.
 */
export function reproduceCommand(
  test: Pick<TestRecord, "location" | "titlePath" | "project" | "reproduce">,
): string {
  if (test.reproduce !== undefined) return test.reproduce;
  const title = test.titlePath.at(-1) ?? "";
  return [
    "npx playwright test",
    shellQuote(test.location.file),
    "-g",
    `"${escapeForDoubleQuotes(escapeRegExp(title))}"`,
    `--project=${shellQuote(test.project)}`,
  ].join(" ");
}

/** `-g` takes a regular expression; a title is matched literally. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeForDoubleQuotes(text: string): string {
  return text.replace(/[\\"$`]/g, "\\$&");
}

function shellQuote(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
