/**
 * A HAR 1.2 file → captured requests, in entry order, each pointing at the line its entry
 * starts on; skipped entries counted by reason; a JSON syntax error becomes one failure with
 * line, column and caret.
 */
import type { CaptureFailure, CapturedRequest } from "../model/captured-request.ts";
import { describeSkips, skipReason, type SkipReason } from "./har-entry-scope.ts";
import { harRequest } from "./har-entry.ts";
import { asString, harEntries } from "./har-log.ts";
import type { HarEntry } from "./har-log.ts";
import { LineIndex, positionsInOrder } from "./text-position.ts";

export interface HarReadOptions {
  /** Keep only requests to the host most entries went to (after the other skips). */
  onlyDominantHost?: boolean;
}

export interface HarReading {
  requests: CapturedRequest[];
  failures: CaptureFailure[];
  skipped: string[];
}

export function readHarCapture(
  input: { file: string; text: string },
  options: HarReadOptions = {},
): HarReading {
  const { file, text } = input;
  const lines = new LineIndex(text);
  const document = parseHarDocument(file, text, lines);
  if ("failure" in document) return { requests: [], failures: [document.failure], skipped: [] };
  const read = readEntries(file, text, lines, document.entries);
  const skipped = [...read.skipCounts].map(
    ([reason, count]) => `${file}: ${describeSkips(reason, count)}`,
  );
  const requests = options.onlyDominantHost
    ? onlyDominantHost(file, read.kept, skipped)
    : read.kept.map((each) => each.request);
  return { requests, failures: read.failures, skipped };
}

/** A kept request and the host it went to. */
interface KeptRequest {
  request: CapturedRequest;
  host: string;
}

/** The HAR's entries, or why the text is not a HAR file. */
function parseHarDocument(
  file: string,
  text: string,
  lines: LineIndex,
): { entries: HarEntry[] } | { failure: CaptureFailure } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(error, text);
    // V8's message quotes the surrounding text, which may hold a secret; name the character only.
    const reason =
      offset >= text.length - 1 && !/at position/.test(String(error))
        ? "it ends too early"
        : `unexpected ${JSON.stringify(text[offset] ?? "")}`;
    return {
      failure: lines.failure({ file, offset, message: `HAR file is not valid JSON: ${reason}` }),
    };
  }
  const entries = harEntries(document);
  if (entries) return { entries };
  return {
    failure: lines.failure({
      file,
      offset: firstNonBlank(text),
      message: 'not a HAR file: it has no "log.entries" array',
    }),
  };
}

/** Each entry as a request, refused (no URL, a bad method) or skipped by the scope rules. */
function readEntries(
  file: string,
  text: string,
  lines: LineIndex,
  entries: readonly HarEntry[],
): { kept: KeptRequest[]; failures: CaptureFailure[]; skipCounts: Map<SkipReason, number> } {
  const entryOffsets = locateEntries(text, entries.length);
  const entryPositions = positionsInOrder(text, entryOffsets);
  const skipCounts = new Map<SkipReason, number>();
  const kept: KeptRequest[] = [];
  const failures: CaptureFailure[] = [];
  entries.forEach((entry, index) => {
    const offset = entryOffsets[index] ?? 0;
    const refusal = entryRefusal(entry, index);
    if (refusal !== undefined) {
      failures.push(lines.failure({ file, offset, message: refusal }));
      return;
    }
    const rawUrl = asString(entry.request?.url) ?? "";
    const url = parseUrl(rawUrl);
    const reason = skipReason(entry, url);
    if (reason) {
      skipCounts.set(reason, (skipCounts.get(reason) ?? 0) + 1);
      return;
    }
    const source = { file, ...(entryPositions[index] ?? { line: 1, column: 1 }) };
    kept.push({
      request: harRequest({ entry, url: withoutFragment(rawUrl), source }),
      host: url?.host ?? "",
    });
  });
  return { kept, failures, skipCounts };
}

/** Why an entry cannot be read as a request: no URL, or a method HTTP does not allow. */
function entryRefusal(entry: HarEntry, index: number): string | undefined {
  const rawUrl = asString(entry?.request?.url);
  if (typeof entry !== "object" || entry === null || rawUrl === undefined) {
    return `HAR entry ${index + 1} has no request URL`;
  }
  const method = asString(entry.request?.method);
  if (method !== undefined && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method)) {
    return `HAR entry ${index + 1} has an invalid HTTP method ${JSON.stringify(method)}`;
  }
  return undefined;
}

/** The requests to the host most went to; the others counted in `skipped`. */
function onlyDominantHost(
  file: string,
  kept: readonly KeptRequest[],
  skipped: string[],
): CapturedRequest[] {
  const all = kept.map((each) => each.request);
  if (kept.length === 0) return all;
  const dominant = dominantHost(kept.map((each) => each.host));
  const others = kept.filter((each) => each.host !== dominant).length;
  if (others === 0) return all;
  skipped.push(`${file}: ${describeSkips("request to another host", others, `kept ${dominant}`)}`);
  return kept.filter((each) => each.host === dominant).map((each) => each.request);
}

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

function dominantHost(hosts: string[]): string {
  const counts = new Map<string, number>();
  for (const host of hosts) counts.set(host, (counts.get(host) ?? 0) + 1);
  let best = hosts[0] ?? "";
  for (const [host, count] of counts) if (count > (counts.get(best) ?? 0)) best = host;
  return best;
}

function firstNonBlank(text: string): number {
  const match = /\S/.exec(text);
  return match ? match.index : 0;
}

/** V8 names the failing position in its messages; without one, the end of the text. */
function jsonErrorOffset(error: unknown, text: string): number {
  const message = error instanceof Error ? error.message : "";
  const position = /at position (\d+)/.exec(message);
  if (position?.[1]) return Math.min(Number(position[1]), Math.max(0, text.length - 1));
  return Math.max(0, text.length - 1);
}

/**
 * Offsets of the `{` opening each element of `log.entries`, found by one pass over the text
 * that tracks nesting and strings, so each request can name its line without a second parse.
 */
function locateEntries(text: string, expected: number): number[] {
  const offsets: number[] = [];
  const keyAtDepth: string[] = [];
  let depth = 0;
  let lastString = "";
  let entriesDepth = -1;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 0x22 /* " */) {
      const start = at + 1;
      at = closingQuote(text, start);
      // Only short strings can be the keys this walk looks for.
      lastString = at - start <= 16 ? text.slice(start, at) : "";
    } else if (code === 0x3a /* : */) {
      keyAtDepth[depth] = lastString;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (code === 0x7b && depth === entriesDepth) offsets.push(at);
      if (code === 0x5b && depth === 2 && keyAtDepth[2] === "entries" && keyAtDepth[1] === "log") {
        entriesDepth = depth + 1;
      }
      depth += 1;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth -= 1;
      if (code === 0x5d && depth + 1 === entriesDepth) entriesDepth = -1;
    } else if (code === 0x2c /* , */) {
      keyAtDepth[depth] = "";
    }
    if (offsets.length > expected) break;
  }
  return offsets;
}

/** Offset of the quote closing a JSON string whose content starts at `from`. */
function closingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}
