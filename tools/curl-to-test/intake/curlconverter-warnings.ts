/**
 * Turns curlconverter's warnings into `warning:` text for a QA engineer, or drops those the
 * intake has already handled itself (repeated headers are kept one by one, not merged).
 * Only the first line of a message is kept: the rest underlines command text, which may
 * hold a secret.
 */

const HANDLED_BY_INTAKE = new Set([
  "repeated-header",
  "header-file",
  "unknown-form-detail",
  "unsupported-form-detail",
]);

const TRANSLATIONS: Record<string, string> = {
  "glob-in-url":
    "the URL holds a curl glob pattern ([1-3] or {a,b}) that curl expands into several requests; the test sends the URL as written (use -g to silence)",
  "unbalanced-glob": "the URL holds an unbalanced [ or {; curl would refuse it without -g",
  "bad-scheme": "the URL's scheme is not http or https; the test can only send HTTP",
  "data-ignored": "curl ignores the data given with --get and --upload-file together",
  "nested-form": 'a nested form field ("=(") is flattened',
  "login-denied": "the URL holds a user name but --disallow-username-in-url forbids it",
};

export function translateCurlconverterWarning(kind: string, message: string): string[] {
  if (HANDLED_BY_INTAKE.has(kind)) return [];
  const translated = TRANSLATIONS[kind];
  if (translated) return [translated];
  const firstLine = message.split("\n")[0]?.trim() ?? "";
  return firstLine ? [`curl: ${firstLine}`] : [];
}
