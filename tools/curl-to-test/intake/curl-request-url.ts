import type { DataParam, RequestUrl } from "curlconverter/dist/src/Request.js";
import type { CapturedBody, QueryFile } from "../model/captured-request.ts";
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

function readsFile(piece: DataParam): piece is Extract<DataParam, { filename: unknown }> {
  return "filename" in piece;
}

/** curl never sends the fragment and asks for `/` when the URL has no path. */
export function normaliseUrl(url: string): string {
  const hash = url.indexOf("#");
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  return withoutFragment.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(?=\?|$)/i, "$1/");
}

/**
 * The URL curl sends, with the query parameters it reads from files apart: the test reads them
 * when it runs. Only parameters after all the inline ones are; otherwise (`-G --data-urlencode
 * n@file -d a=1`) the `@file` text is sent as written, with a warning.
 */
export function readRequestUrl(
  url: RequestUrl,
  context: CurlCommandContext,
): { url: string; queryFiles?: QueryFile[]; warnings: string[] } {
  const full = normaliseUrl(joinAppendedQuery(url));
  if (url.queryReadsFile === undefined) return { url: full, warnings: [] };
  const pieces = url.queryArray ?? [];
  const tail = pieces.slice(pieces.findIndex(readsFile));
  const queryFiles = tail.flatMap((piece): QueryFile[] =>
    readsFile(piece)
      ? [
          {
            ...(piece.name ? { name: piece.name.toString() } : {}),
            path: piece.filename.toString(),
          },
        ]
      : [],
  );
  const suffix = queryFiles
    .map((file) => `${file.name === undefined ? "" : `${file.name}=`}@${file.path}`)
    .join("&");
  const apart =
    tail.every((piece) => readsFile(piece) || piece.toString() === "&") &&
    queryFiles.every((file) => file.path !== "-") &&
    full.endsWith(suffix);
  if (!apart) {
    return {
      url: full,
      warnings: [
        "--url-query or -G data reads a value from a file; the test sends the @file text as written",
      ],
    };
  }
  const missing = queryFiles.filter((file) => !context.fileExists(file.path));
  return {
    url: full.slice(0, full.length - suffix.length),
    queryFiles,
    warnings: missing.map(
      (file) =>
        `query ${file.name ?? ""}@${clip(file.path)}: the file does not exist here; the test needs it when it runs`,
    ),
  };
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
