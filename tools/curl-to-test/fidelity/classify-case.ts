/**
 * The verdict on one case: did the generated test send what curl sent, and where it did not,
 * did the converter say so? A difference counts as said only when a warning attributed to the
 * same command names what differs: the header by name (or the credential or cookie behind it),
 * the part by name and the property that differs, the body, the method, the query.
 */
import type { WarningNote } from "../model/conversion-warning.ts";
import type { WireDifference } from "./wire-differences.ts";

export const FIDELITY_CLASSES = [
  "equal",
  "equal-but-redacted",
  "warned",
  "refused",
  "silently-different",
] as const;
export type FidelityClass = (typeof FIDELITY_CLASSES)[number];

/** One request as both sides sent it (or one side only), with what the converter said of it. */
export interface JudgedPair {
  curlSent: boolean;
  testSent: boolean;
  differences: WireDifference[];
  /** Warnings and failures of the command this request came from. */
  warnings: WarningNote[];
  failures: string[];
}

export interface CaseEvidence {
  /** curl delivered at least one request to the recording server. */
  curlSent: boolean;
  /** What stopped curl (bash errors, curl exit codes), in words. */
  curlProblems: string[];
  /** How many specs the converter produced. */
  specCount: number;
  /** Every failure the converter reported for the case. */
  failures: string[];
  /** Env var names the converter put in place of secrets in this case. */
  redactions: string[];
  pairs: JudgedPair[];
}

export interface CaseVerdict {
  verdict: FidelityClass;
  /** One line: why this class. */
  reason: string;
  /** Differences nothing names; non-empty only for silently-different. */
  unexplained: WireDifference[];
}

/** Nouns and options that, in a warning, name each aspect of a request. */
const ASPECT_TERMS = {
  method: /\bmethods?\b|\bupper[- ]case/i,
  target: /\bquery\b|\bpath\b|(^|\s)(-G|--get|--url-query)\b/i,
  body: /\bbody\b|\bdata\b|\bstdin\b|\bstandard input\b|\bhere-(string|document)\b/i,
  request: /\bnot converted\b|\bnot sent\b|\bskipped\b/i,
} as const;

/** What a warning may call a header instead of its name. */
const HEADER_NOUNS: Record<string, RegExp> = {
  authorization: /\bauthentication\b|\bcredentials?\b/i,
  cookie: /\bcookies?\b/i,
  "user-agent": /\buser agent\b/i,
};

/** What each property of a multipart part is called in a warning that names the part. */
const PART_PROPERTY_NOUNS: Record<string, RegExp> = {
  "content-type": /\b(content )?type\b/i,
  filename: /\bfile ?name\b/i,
  bytes: /\bcontent\b|\bfile\b|\bread\b|\bbytes\b/i,
  name: /\bname\b/i,
  presence: /\bnot sent\b|\bdropped\b|\bomitted\b|\bleft out\b/i,
};

export function explains(message: string, difference: WireDifference): boolean {
  if (quotesWhatDiffers(message, difference)) return true;
  switch (difference.aspect) {
    case "header": {
      // A warning about a part's content type is not about the request's header.
      if (/^(part|-F|--form)\b/i.test(message)) return false;
      const name = difference.subject.toLowerCase();
      const spelled = new RegExp(`(^|[^a-z-])${escapeRegExp(name)}([^a-z-]|$)`, "i");
      return (
        spelled.test(message) ||
        (Object.hasOwn(HEADER_NOUNS, name) && HEADER_NOUNS[name]!.test(message))
      );
    }
    case "part": {
      const [partName = "", property = ""] = difference.subject.split("\u0000");
      const namesPart = new RegExp(`(part|field) "?${escapeRegExp(partName)}"?(\\s|:|;|$)`, "i");
      return namesPart.test(message) && (PART_PROPERTY_NOUNS[property]?.test(message) ?? false);
    }
    default:
      return ASPECT_TERMS[difference.aspect].test(message);
  }
}

/**
 * A warning that quotes a piece of text the test sends as written (`the text "$TOKEN" is sent
 * as written`) names what differs, wherever it stands: in a header, the query or the body.
 */
function quotesWhatDiffers(message: string, difference: WireDifference): boolean {
  if (difference.aspect === "request") return false;
  for (const match of message.matchAll(/"([^"]{3,})"|`([^`]{3,})`/g)) {
    const quoted = match[1] ?? match[2] ?? "";
    if (difference.test.includes(quoted)) return true;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function classifyCase(evidence: CaseEvidence): CaseVerdict {
  if (!evidence.curlSent) {
    const why = evidence.curlProblems[0] ?? "it sent no request";
    return { verdict: "refused", reason: `curl cannot run it here: ${why}`, unexplained: [] };
  }
  if (evidence.specCount === 0 && evidence.failures.length > 0) {
    return {
      verdict: "refused",
      reason: `converter refused it: ${evidence.failures[0]}`,
      unexplained: [],
    };
  }
  const { unexplained, warnedBy, refusedBy, compared } = accountForDifferences(evidence);
  if (unexplained.length > 0) {
    return { verdict: "silently-different", reason: describe(unexplained[0]), unexplained };
  }
  if (compared === 0) {
    return { verdict: "refused", reason: refusedBy[0] ?? "nothing to compare", unexplained: [] };
  }
  return explainedVerdict(evidence, warnedBy, refusedBy);
}

/** Each difference: refused (a side could not send), warned about, or unexplained. */
function accountForDifferences(evidence: CaseEvidence): {
  unexplained: WireDifference[];
  warnedBy: WarningNote[];
  refusedBy: string[];
  compared: number;
} {
  const unexplained: WireDifference[] = [];
  const warnedBy: WarningNote[] = [];
  const refusedBy: string[] = [];
  let compared = 0;
  for (const pair of evidence.pairs) {
    if (pair.curlSent && pair.testSent) compared++;
    for (const difference of pair.differences) {
      // A request one side could not send is refused, as documented, before any warning is
      // read: a word such as "skipped" in a warning about another matter must not claim it.
      if (!pair.testSent && pair.failures.length > 0) {
        refusedBy.push(pair.failures[0] ?? "");
        continue;
      }
      if (!pair.curlSent && evidence.curlProblems.length > 0) {
        refusedBy.push(`curl could not send it: ${evidence.curlProblems[0] ?? ""}`);
        continue;
      }
      const warning = pair.warnings.find((each) => explains(each.message, difference));
      if (warning !== undefined) warnedBy.push(warning);
      else unexplained.push(difference);
    }
  }
  return { unexplained, warnedBy, refusedBy, compared };
}

/** The verdict of a case whose every difference is explained. */
function explainedVerdict(
  evidence: CaseEvidence,
  warnedBy: readonly WarningNote[],
  refusedBy: readonly string[],
): CaseVerdict {
  // What neither side sent still deserves a mention beside an otherwise equal verdict.
  const leftOut = refusedBy[0] ?? evidence.failures[0] ?? evidence.curlProblems[0];
  const partly = leftOut === undefined ? "" : `; part refused: ${leftOut}`;
  // A value the test makes up per run on purpose (an idempotency key) differs like a secret
  // set from the environment does: by design, and said.
  const deliberate = warnedBy.filter((warning) => warning.code === "fresh-per-run");
  const said = warnedBy.find((warning) => warning.code !== "fresh-per-run");
  if (said !== undefined) {
    return { verdict: "warned", reason: `${said.message}${partly}`, unexplained: [] };
  }
  if (deliberate.length > 0) {
    return {
      verdict: "equal-but-redacted",
      reason: `equal but for values made up per run: ${deliberate[0]?.message ?? ""}${partly}`,
      unexplained: [],
    };
  }
  return evidence.redactions.length > 0
    ? {
        verdict: "equal-but-redacted",
        reason: `equal with ${evidence.redactions.join(", ")} set to the captured values${partly}`,
        unexplained: [],
      }
    : { verdict: "equal", reason: `equal${partly}`, unexplained: [] };
}

/** Header names whose values are never shown, whether or not the converter redacted them. */
const SENSITIVE_HEADER = /auth|cookie|token|key|secret|session|password|csrf/i;

/** One line about a difference; values of credential-like headers are shown as lengths only. */
export function describe(difference: WireDifference | undefined): string {
  if (difference === undefined) return "";
  const hide = difference.aspect === "header" && SENSITIVE_HEADER.test(difference.subject);
  const show = (value: string) =>
    hide && value !== "(absent)" ? `(${value.length} chars)` : value;
  const subject = difference.subject.replace("\u0000", " ");
  return `${difference.aspect} ${subject}: curl ${show(difference.curl)} / test ${show(difference.test)}`;
}
