import type { RequestUrl } from "curlconverter";
import type { CapturedBody } from "../model/captured-request.ts";
import { clip } from "./clip.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { CurlCommandContext } from "./curl-command.ts";

/**
 * curl appends `-G` data and `--url-query` to the URL's query with `&`, but not after a query
 * that already ends in `&` (curlconverter adds one anyway).
 */
export function joinAppendedQuery(url: RequestUrl): string {
  const full = url.url.toString();
  const original = url.urlWithOriginalQuery.toString().replace(/#.*$/, "");
  if (original.endsWith("&") && full.startsWith(`${original}&`) && full !== original) {
    return original + full.slice(original.length + 1);
  }
  return full;
}

/** curl never sends the fragment and asks for `/` when the URL has no path. */
export function normaliseUrl(url: string): string {
  const hash = url.indexOf("#");
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  return withoutFragment.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(?=\?|$)/i, "$1/");
}

export function queryFileWarnings(url: RequestUrl): WarningNote[] {
  return url.queryReadsFile === undefined
    ? []
    : [
        {
          code: "query-file-not-read",
          message:
            "--url-query or -G data reads a value from a file; the test sends the @file text as written",
        },
      ];
}

/** The `-T` body, and its warning when there is nothing here to read it from. */
export function uploadBody(
  path: string,
  context: CurlCommandContext,
): { body: CapturedBody; warnings: WarningNote[] } {
  const missing = { kind: "file", path, missing: true } as const;
  if (path === "-" || path === ".") {
    const message = `-T ${path}: the body was read from standard input, which the capture does not include`;
    return { body: missing, warnings: [{ code: "stdin-not-captured", message }] };
  }
  if (context.fileExists(path)) return { body: { kind: "file", path }, warnings: [] };
  const message = `-T ${clip(path)}: the file to upload does not exist here; the test needs it when it runs`;
  return { body: missing, warnings: [{ code: "file-missing", message }] };
}
