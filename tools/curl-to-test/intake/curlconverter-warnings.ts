/**
 * Turns curlconverter's `[code, message]` warnings into ours, in words for a QA engineer, or
 * drops those the intake has already handled itself (repeated headers are kept one by one,
 * not merged). The codes it has words for are kept as they are; the rest share one code.
 * Only the first line of a message is kept: the rest underlines command text, which may
 * hold a secret.
 */
import type { WarningCode, WarningNote } from "../model/conversion-warning.ts";

const HANDLED_BY_INTAKE = new Set([
  "repeated-header",
  "header-file",
  "unknown-form-detail",
  "unsupported-form-detail",
]);

type TranslatedCode = Extract<
  WarningCode,
  "glob-in-url" | "unbalanced-glob" | "bad-scheme" | "data-ignored" | "nested-form" | "login-denied"
>;

const TRANSLATIONS: Record<TranslatedCode, string> = {
  "glob-in-url":
    "the URL holds a curl glob pattern ([1-3] or {a,b}) that curl expands into several requests; the test sends the URL as written (use -g to silence)",
  "unbalanced-glob": "the URL holds an unbalanced [ or {; curl would refuse it without -g",
  "bad-scheme": "the URL's scheme is not http or https; the test can only send HTTP",
  "data-ignored": "curl ignores the data given with --get and --upload-file together",
  "nested-form": 'a nested form field ("=(") is flattened',
  "login-denied": "the URL holds a user name but --disallow-username-in-url forbids it",
};

export function translateCurlconverterWarning(kind: string, message: string): WarningNote[] {
  if (HANDLED_BY_INTAKE.has(kind)) return [];
  if (isTranslated(kind)) return [{ code: kind, message: TRANSLATIONS[kind] }];
  const firstLine = message.split("\n")[0]?.trim() ?? "";
  return firstLine ? [{ code: "curlconverter-other", message: `curl: ${firstLine}` }] : [];
}

function isTranslated(kind: string): kind is TranslatedCode {
  return Object.hasOwn(TRANSLATIONS, kind);
}
