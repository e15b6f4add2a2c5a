/**
 * What `qaops convert` prints, as pure functions of the conversion's result: errors that point
 * at the input with a caret, `warning:` lines, the secrets redacted (by name, never value),
 * and the files written.
 */
import type {
  CaptureFailure,
  SourceLocation,
} from "../../tools/curl-to-test/model/captured-request.ts";
import type {
  ConversionResult,
  ConversionWarning,
} from "../../tools/curl-to-test/convert-captures.ts";

function locationText(source: SourceLocation): string {
  return source.line > 0 ? `${source.file}:${source.line}:${source.column}` : source.file;
}

/** `error: file:line:col: message`, then the offending line and a caret under the token. */
export function failureLines(failure: CaptureFailure): string[] {
  const lines = [`error: ${locationText(failure.source)}: ${oneLine(failure.message)}`];
  if (failure.excerpt) {
    lines.push(`  ${oneLine(failure.excerpt.line)}`, `  ${failure.excerpt.caret}`);
  }
  return lines;
}

/** `warning: file:line:col: message`, or `warning: file: message` for a file as a whole. */
export function warningLine(warning: ConversionWarning): string {
  const where = warning.location ? `${locationText(warning.location)}: ` : "";
  return `warning: ${where}${oneLine(warning.message)}`;
}

/** Everything for stderr except progress: errors, warnings, redactions, skips. */
export function diagnosticLines(result: ConversionResult): string[] {
  return [
    ...result.failures.flatMap(failureLines),
    ...result.warnings.map(warningLine),
    ...result.redactions.map((redaction) => {
      const where = redaction.sources.slice(0, 3).map(locationText).join(", ");
      const more = redaction.sources.length > 3 ? ` and ${redaction.sources.length - 3} more` : "";
      return `redacted: ${oneLine(redaction.description)} → env ${redaction.envVar} (${where}${more})`;
    }),
    ...result.skipped.map((skip) => `skipped: ${oneLine(skip)}`),
  ];
}

/** Stdout: each file written, then one summary line. */
export function summaryLines(result: ConversionResult, written: readonly string[]): string[] {
  const tests = result.plan.specs.reduce(
    (count, spec) =>
      count +
      spec.tests.reduce((sum, test) => sum + (test.kind === "table" ? test.cases.length : 1), 0),
    0,
  );
  return [
    ...written.map((path) => `wrote ${path}`),
    `${result.requestCount} request(s) → ${result.specs.length} spec(s), ${tests} test(s); ` +
      `${result.warnings.length} warning(s), ${result.failures.length} error(s), ` +
      `${result.redactions.length} secret(s) redacted`,
  ];
}

/** Captured text shown on one terminal line: control characters made visible. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what must not reach the terminal raw.
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) =>
    char === "\t" ? " " : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
