import { classifyCase, describe } from "./classify-case.ts";
import type { CaseResult } from "./fidelity-check.ts";
import type { CaseTestResults } from "./playwright-batch.ts";
import type { PreparedCase } from "./prepare-case.ts";
import { pairRequests } from "./wire-differences.ts";
import { normaliseRequest } from "./wire-normalisation.ts";
import type { NormalisedRequest } from "./wire-normalisation.ts";

/** What the converter said, with the line of the command it is about (-1: no one command). */
interface AtLine<T> {
  line: number;
  said: T;
}

/** Compares what curl and the tests sent for one case, and classifies the case. */
export function judgeCase(prepared: PreparedCase, tests: CaseTestResults | undefined): CaseResult {
  const lines = new Map<NormalisedRequest, number>();
  const curl = prepared.curlServer.requests.map((request) => {
    const normalised = normaliseRequest(request, "curl");
    const line = prepared.requestLines.get(request);
    if (line !== undefined) lines.set(normalised, line);
    return normalised;
  });
  const test = prepared.testServer.requests.map((request) => normaliseRequest(request, "test"));
  const paired = pairRequests(curl, test);
  const warnings = prepared.conversion.warnings.map((warning) => atLine(warning.location, warning));
  const failures = prepared.conversion.failures.map((failure) =>
    atLine(failure.source, failure.message),
  );
  if (prepared.scopeMismatch !== undefined)
    failures.push({ line: 0, said: prepared.scopeMismatch });
  const ofCommand = commandMessages(prepared);

  const verdict = classifyCase({
    curlSent: curl.length > 0,
    curlProblems: prepared.curlProblems,
    specCount: prepared.conversion.specs.length,
    failures: failures.map((failure) => failure.said),
    redactions: prepared.conversion.redactions.map((redaction) => redaction.envVar),
    pairs: paired.pairs.map((pair) => {
      const line = pair.curl === undefined ? undefined : lines.get(pair.curl);
      return {
        curlSent: pair.curl !== undefined,
        testSent: pair.test !== undefined,
        differences: pair.differences,
        warnings: ofCommand(line, warnings),
        failures: ofCommand(line, failures),
      };
    }),
  });
  return {
    id: prepared.input.id,
    verdict,
    curlRequests: curl.length,
    testRequests: test.length,
    rules: [...paired.applied].sort(),
    warnings: prepared.conversion.warnings.length,
    tests,
    details: [
      ...paired.pairs.flatMap((pair) => pair.differences.map(describe)),
      ...prepared.curlProblems,
      ...(tests?.errors.map((error) => `test: ${error}`) ?? []),
      ...failures.map((failure) => `failure (line ${failure.line}): ${failure.said}`),
      ...warnings.map((warning) => `warning (line ${warning.line}): ${warning.said.message}`),
    ],
    secretValues: [...prepared.conversion.capturedSecrets.values()],
  };
}

/** Summaries of many requests carry no location: they belong to no one command. */
function atLine<T>(location: { line: number } | undefined, said: T): AtLine<T> {
  return { line: location?.line ?? -1, said };
}

/**
 * The messages about the command at a line. Bash names a line inside a command that spans
 * several (a continued line, not its first), while messages name its first: a command's
 * messages are those after the previous command's line, up to its own.
 */
function commandMessages(
  prepared: PreparedCase,
): <T>(line: number | undefined, messages: readonly AtLine<T>[]) => T[] {
  const commandLines = [...new Set(prepared.requestLines.values())].sort((a, b) => a - b);
  return (line, messages) => {
    if (line === undefined) return messages.map((each) => each.said);
    const previous = commandLines.findLast((other) => other < line) ?? 0;
    return messages
      .filter((each) => each.line > previous && each.line <= line)
      .map((each) => each.said);
  };
}
