import type { RequestUrl } from "curlconverter";
import type { CapturedBody, QueryFile } from "../model/captured-request.ts";
import { clip } from "./clip.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { CurlCommandContext } from "./curl-command.ts";

/**
 * curl appends `-G` data and `--url-query` to the URL's query with `&`, but not after a query
 * that already ends in `&` (curlconverter adds one anyway).
 */
function joinAppendedQuery(url: RequestUrl): string {
  const full = url.url.toString();
  const original = url.urlWithOriginalQuery.toString().replace(/#.*$/, "");
  if (original.endsWith("&") && full.startsWith(`${original}&`) && full !== original) {
    return original + full.slice(original.length + 1);
  }
  return full;
}

/** What curl does to a query file's text, by the option that named it (`--json` is not sent so). */
const queryTransforms: Partial<Record<string, QueryFile["transform"]>> = {
  urlencode: "urlencode",
  data: "strip-newlines",
  binary: "none",
};

/** One piece of curl's query: inline text, or a value it reads from a file. */
type DataParam = NonNullable<RequestUrl["queryArray"]>[number];

function readsFile(piece: DataParam): piece is Extract<DataParam, { filename: unknown }> {
  return "filename" in piece;
}

/** curl never sends the fragment and asks for `/` when the URL has no path. */
function normaliseUrl(url: string): string {
  const hash = url.indexOf("#");
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  return withoutFragment.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?]*)(?=\?|$)/i, "$1/");
}

/**
 * The URL curl sends, with the query parameters it reads from files apart: the test reads them
 * when it runs and turns them as curl does. Only parameters after all the inline ones are;
 * otherwise (`-G --data-urlencode n@file -d a=1`) the `@file` text is sent as written, with a
 * warning.
 */
export function readRequestUrl(
  url: RequestUrl,
  context: CurlCommandContext,
): { url: string; queryFiles?: QueryFile[]; warnings: WarningNote[] } {
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
            transform: queryTransforms[piece.filetype] ?? "none",
          },
        ]
      : [],
  );
  const suffix = queryFiles
    .map((file) => `${file.name === undefined ? "" : `${file.name}=`}@${file.path}`)
    .join("&");
  const apart =
    tail.every((piece) =>
      readsFile(piece) ? piece.filetype in queryTransforms : piece.toString() === "&",
    ) &&
    queryFiles.every((file) => file.path !== "-") &&
    full.endsWith(suffix);
  if (!apart) {
    return {
      url: full,
      warnings: [
        {
          code: "query-file-not-read",
          message:
            "--url-query or -G data reads a value from a file; the test sends the @file text as written",
        },
      ],
    };
  }
  const placed = queryFiles.map((file): QueryFile =>
    context.fileExists(file.path) ? file : { ...file, missing: true },
  );
  const missing = placed.filter((file) => file.missing);
  return {
    url: full.slice(0, full.length - suffix.length),
    queryFiles: placed,
    warnings: missing.map((file) => ({
      code: "file-missing",
      message: `query ${file.name ?? ""}@${clip(file.path)}: the file does not exist here; the test needs it when it runs`,
    })),
  };
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
