/**
 * What the converter could not reproduce or assert, as a value: a code that says which kind of
 * warning it is, the sentence a QA engineer reads, and where in the input it points. Each
 * stage (intake, plan, record, llm, verify, the load scenario) creates its own; later stages
 * carry them unchanged and tell them apart by code, never by their text. Imports only the
 * location type of the captured request.
 */
import type { SourceLocation } from "./captured-request.ts";

/**
 * Every code, with the one line docs/convert-warnings.md gives it (a test keeps the two the
 * same). Codes are kebab-case and stable: scripts may match them.
 */
export const WARNING_CODES = {
  // intake: the capture's text
  "shell-expansion-kept": "a shell variable or command substitution is sent as written",
  "invalid-utf8-escape": "a $'…' string holds bytes that are not UTF-8 text",
  "cmd-older-chrome-quoting": "older Chrome's cmd quoting is read as the browser sent it",
  "powershell-legacy-quoting": 'arguments with \\" are read as Windows PowerShell 5.1 passes them',
  // intake: curl options and headers
  "option-not-reproduced": "a curl option the test does not reproduce",
  "cookie-file-not-sent": "cookies read from a file (-b file) are not sent",
  "header-file-not-read": "headers read from a file (-H @file) are not sent",
  "header-without-colon": "a -H argument without a colon is not sent",
  "header-name-blanks": "blanks around a header name are trimmed",
  "query-file-not-read": "a --url-query or -G value read from a file is sent as @file text",
  // intake: bodies and files
  "file-missing": "a file the request sends does not exist here",
  "stdin-not-captured": "the body or a value came from standard input, which was not captured",
  "body-files-dropped": "data read from files beside inline data is left out",
  "form-field-dropped": 'a -F field without "=" is left out, as curl refuses it',
  "form-setting-not-reproduced": "a part's headers= or encoder= setting is not reproduced",
  "form-text-dropped": 'text after ";" in a -F field is dropped, as curl drops it',
  // intake: what curlconverter reports (its own codes where it has them)
  "glob-in-url": "the URL holds a curl glob pattern; the test sends it as written",
  "unbalanced-glob": "the URL holds an unbalanced [ or {",
  "bad-scheme": "the URL's scheme is not http or https",
  "data-ignored": "curl ignores the data given with --get and --upload-file together",
  "nested-form": 'a nested form field ("=(") is flattened',
  "login-denied": "a user name in the URL that --disallow-username-in-url forbids",
  "curlconverter-other": "anything else curlconverter reports about the command",
  // intake: HAR
  "body-not-captured": "the HAR says a body was sent but does not include it",
  "form-rebuilt": "a form body rebuilt from the HAR's params",
  "file-content-not-captured": "an uploaded file's bytes are not in the HAR; an empty file is sent",
  "multipart-not-split": "a multipart body that could not be split into parts",
  // plan
  "no-response": "no response was captured: the test asserts a 2xx status only",
  "statuses-differ": "identical requests got different statuses",
  "body-not-json": "a response body that is not JSON: only the status is asserted",
  "null-only-fields": "response fields seen only as null accept any value",
  "replay-status-differs": "a replay of the capture got another status than the captured one",
  "fresh-per-run": "a value the test makes up afresh on each run (an idempotency key)",
  "header-joined": "a header captured several times is sent once, values joined",
  "multipart-type-replaced": "a multipart body is sent as multipart/form-data with a new boundary",
  "multipart-boundary-appended":
    "a -F Content-Type with a boundary gets the body's boundary after it",
  "client-default-header": "the test's client sends a header the capture did not",
  "sent-as-written":
    "a request the fixture would change (method case, no Content-Type, __proto__) is sent with undici",
  "file-read-at-run": "a file the test reads when it runs; keep it there",
  // load scenario (--load)
  "load-file-per-worker":
    "a file the load scenario reads once per worker; keep it where qaops perf runs",
  "load-method-upper-cased": "the load scenario sends a method upper-case, as Artillery does",
  // record
  "record-no-response": "--record got no response for a request",
  // llm
  "llm-not-configured": "no endpoint or key: the tests come from the deterministic plan",
  "llm-format-step-down": "the endpoint refused a response format; a simpler one is used",
  "llm-no-usable-answer": "a prompt got no usable answer; its specs keep the deterministic plan",
  "llm-proposal-rejected": "something the model proposed was checked and rejected",
  // verify
  "unstable-value": "a value changed between verification runs: asserted by type only",
  "unstable-type": "a field changed its type between runs: its type is no longer checked",
  "unstable-status": "the status changed between runs",
  "unstable-rule": "an invariant or business rule did not hold on every run: dropped",
  "unstable-test": "a test failed on some runs only, for another reason",
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export interface ConversionWarning {
  code: WarningCode;
  /** One sentence for a `warning:` line and a `// TODO(qaops): …` in the spec. */
  message: string;
  /**
   * Where in the input: the request's command or HAR entry, a written file (line 0: the file
   * alone); absent for a summary of many (each of which has its own TODO).
   */
  location?: SourceLocation;
}

/** A warning before it is placed: whoever made it knows no location, its caller does. */
export type WarningNote = Omit<ConversionWarning, "location">;

/** The notes placed at one location; a warning already placed keeps its own, unchanged. */
export function placeWarnings(
  notes: readonly (WarningNote | ConversionWarning)[],
  location: SourceLocation,
): ConversionWarning[] {
  return notes.map((note) => ({ location, ...note }));
}
