import type { RequestUrl } from "curlconverter";
import type { CapturedBody } from "../model/captured-request.ts";
import { clip } from "./clip.ts";
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

export function queryFileWarnings(url: RequestUrl): string[] {
  return url.queryReadsFile === undefined
    ? []
    : [
        "--url-query or -G data reads a value from a file; the test sends the @file text as written",
      ];
}

export function uploadBody(path: string): CapturedBody {
  return { kind: "file", path };
}

export function uploadWarnings(url: RequestUrl, context: CurlCommandContext): string[] {
  const path = url.uploadFile?.toString();
  if (path === undefined) return [];
  if (path === "-" || path === ".")
    return [
      `-T ${path}: the body was read from standard input, which the capture does not include`,
    ];
  return context.fileExists(path)
    ? []
    : [`-T ${clip(path)}: the file to upload does not exist here; the test needs it when it runs`];
}
