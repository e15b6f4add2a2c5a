/**
 * One pass of captured requests against a target, keeping what came back (status, headers,
 * body) as each request's response. `--record` and `--verify` replay the whole capture several
 * times in fresh state through `recordOne` (see replay-capture.ts); `recordResponses` is the
 * single pass, for programmatic use:
 *   recordResponses(requests: CapturedRequest[], options: RecordOptions): Promise<CapturedRequest[]>
 * It returns the requests in the same order, each with `response` set where one came back (a
 * response already captured is replaced); where none did, the request is returned unchanged
 * plus a warning saying why, which the converter prints and puts in the spec as a TODO.
 *
 * The capture's origin is replaced by the target's (a path in the target is put in front of the
 * captured path); path, raw query, headers (order and duplicates kept), method and body are
 * sent as captured, secrets included: the capture holds them and the target needs them. Nothing
 * here logs, and no message it writes holds a header value, a query or a body.
 */
import { request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { readFile } from "node:fs/promises";
import pLimit from "p-limit";
import { basename, isAbsolute, join } from "node:path";
import type {
  CapturedBody,
  CapturedRequest,
  CapturedResponse,
  NameValue,
  QueryFile,
} from "../model/captured-request.ts";
import { transportHeaders } from "../model/transport-headers.ts";
import { encodeLikeCurl } from "../intake/curl-body.ts";

export interface RecordOptions {
  /** Base URL to replay against, e.g. `http://127.0.0.1:8080` or `https://staging.example.com/api`. */
  target: string;
  /** Per request, from sending to the last body byte; default 10 s. */
  timeoutMs?: number;
  /** Requests in flight at once; default 4. Writes never overlap anything (see below). */
  concurrency?: number;
  /** Bodies larger than this keep status and headers only; default 1 MiB. */
  maxBodyBytes?: number;
  /** Where `-d @file` and `-F f=@file` paths are read from; default: the current directory. */
  filesDirectory?: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Requests are replayed in capture order. Reads (GET, HEAD, OPTIONS) run up to `concurrency`
 * at a time; any other method waits for everything before it and holds back everything after
 * it, so a flow's POST happens before the GET that reads what it created.
 */
export async function recordResponses(
  requests: CapturedRequest[],
  options: RecordOptions,
): Promise<CapturedRequest[]> {
  const target = parseTarget(options.target);
  const results: CapturedRequest[] = [];
  let done = 0;
  const replay = async (request: CapturedRequest) => {
    const recorded = await recordOne(request, target, options);
    options.onProgress?.(++done, requests.length);
    return recorded;
  };
  const limit = pLimit(options.concurrency ?? 4);
  for (const segment of orderedSegments(requests)) {
    results.push(...(await limit.map(segment, replay)));
  }
  return results;
}

export function parseTarget(target: string): URL {
  if (!URL.canParse(target)) throw new Error(`--record: ${JSON.stringify(target)} is not a URL`);
  const url = new URL(target);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`--record: ${url.protocol} URLs are not supported; use http or https`);
  }
  return url;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

function orderedSegments(requests: CapturedRequest[]): CapturedRequest[][] {
  const segments: CapturedRequest[][] = [];
  let reads: CapturedRequest[] = [];
  for (const request of requests) {
    if (safeMethods.has(request.method.toUpperCase())) {
      reads.push(request);
      continue;
    }
    if (reads.length > 0) segments.push(reads);
    segments.push([request]);
    reads = [];
  }
  if (reads.length > 0) segments.push(reads);
  return segments;
}

/** One request sent to the target: with `response` set, or unchanged plus a warning saying why not. */
export async function recordOne(
  request: CapturedRequest,
  target: URL,
  options: RecordOptions,
): Promise<CapturedRequest> {
  const path = pathAndQuery(request.url);
  const label = `${request.method} ${path.split("?")[0] ?? path}`;
  const filesDirectory = options.filesDirectory ?? process.cwd();
  try {
    const query = await queryFromFiles(request.queryFiles ?? [], filesDirectory);
    const body = await requestBody(request.body, filesDirectory);
    const response = await send({
      url: new URL(joinPath(target, path + query)),
      method: request.method,
      headers: [
        ...request.headers.filter((header) => {
          const name = header.name.toLowerCase();
          // The client sets its own transport headers (without the captured accept-encoding the
          // response comes back readable as text); a rebuilt multipart body names its own
          // boundary in its own content type.
          return (
            !transportHeaders.has(name) && !body.headers.some((h) => h.name.toLowerCase() === name)
          );
        }),
        ...body.headers,
      ],
      body: body.bytes,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    });
    return { ...request, response };
  } catch (error) {
    const reason = error instanceof RecordError ? error.message : "the connection failed";
    return {
      ...request,
      warnings: [
        ...request.warnings,
        {
          code: "record-no-response",
          message: `--record: ${label} got no response (${reason})`,
          location: request.source,
        },
      ],
    };
  }
}

/** Path and raw query of a captured URL, byte for byte (URL parsing would re-encode them). */
export function pathAndQuery(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  const rest = match?.[1] ?? url;
  return rest === "" ? "/" : rest.startsWith("?") ? `/${rest}` : rest;
}

function joinPath(target: URL, path: string): string {
  const prefix = target.pathname.replace(/\/+$/, "");
  return `${target.origin}${prefix}${path}`;
}

/** A failure whose message is safe to print: it names no header, query or body. */
class RecordError extends Error {}

/** Query parameters curl read from files, encoded as it does, for after the URL's `?` or `&`. */
async function queryFromFiles(
  files: readonly QueryFile[],
  filesDirectory: string,
): Promise<string> {
  const parameters: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(
        isAbsolute(file.path) ? file.path : join(filesDirectory, file.path),
        "utf8",
      );
    } catch {
      throw new RecordError(`cannot read the query file ${file.path}`);
    }
    parameters.push(turnedAsCurl(text, file.transform, file.name));
  }
  return parameters.join("&");
}

/**
 * A file's text as curl sends it in a query or body (render/body-code.ts writes the same in
 * code): percent-encoded after `name=`, without CR and LF, or as it is.
 */
function turnedAsCurl(
  text: string,
  transform: QueryFile["transform"],
  name: string | undefined,
): string {
  switch (transform) {
    case "urlencode":
      return `${name === undefined ? "" : `${name}=`}${encodeLikeCurl(text)}`;
    case "strip-newlines":
      return text.replace(/[\r\n]/g, "");
    case "none":
      return text;
  }
}

async function requestBody(
  body: CapturedBody,
  filesDirectory: string,
): Promise<{ bytes: Buffer | undefined; headers: NameValue[] }> {
  const read = async (path: string) => {
    try {
      return await readFile(isAbsolute(path) ? path : join(filesDirectory, path));
    } catch {
      throw new RecordError(`cannot read the body file ${path}`);
    }
  };
  switch (body.kind) {
    case "none":
      return { bytes: undefined, headers: [] };
    case "text":
      return { bytes: Buffer.from(body.text, "utf8"), headers: [] };
    case "binary":
      return { bytes: Buffer.from(body.base64, "base64"), headers: [] };
    case "file": {
      if (body.path === "-") throw new RecordError("the body was read from standard input");
      const bytes = await read(body.path);
      if (body.transform === undefined) return { bytes, headers: [] };
      const text = turnedAsCurl(bytes.toString("utf8"), body.transform, body.urlencodeName);
      return { bytes: Buffer.from(text, "utf8"), headers: [] };
    }
    case "multipart": {
      const boundary = `qaops-record-${Math.random().toString(16).slice(2)}`;
      const chunks: Buffer[] = [];
      for (const part of body.parts) {
        const filename = part.filename ?? (part.filePath ? basename(part.filePath) : undefined);
        const disposition = `form-data; name="${quote(part.name)}"${filename === undefined ? "" : `; filename="${quote(filename)}"`}`;
        const head = [`--${boundary}`, `Content-Disposition: ${disposition}`];
        if (part.contentType) head.push(`Content-Type: ${part.contentType}`);
        chunks.push(Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "utf8"));
        chunks.push(
          part.filePath !== undefined
            ? await read(part.filePath)
            : Buffer.from(part.value ?? "", "utf8"),
        );
        chunks.push(Buffer.from("\r\n"));
      }
      chunks.push(Buffer.from(`--${boundary}--\r\n`));
      return {
        bytes: Buffer.concat(chunks),
        // The captured content type names the capture's boundary; this one names ours. A type
        // given with curl's -F is kept, ours appended, as curl does.
        headers: [
          {
            name: "Content-Type",
            value: `${body.contentType ?? "multipart/form-data"}; boundary=${boundary}`,
          },
        ],
      };
    }
  }
}

function quote(text: string): string {
  return text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function send(options: {
  url: URL;
  method: string;
  headers: NameValue[];
  body: Buffer | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
}): Promise<CapturedResponse> {
  // Given headers as an array, Node adds neither Host nor Content-Length: they are set here.
  const rawHeaders = [
    "Host",
    options.url.host,
    ...options.headers.flatMap((header) => [header.name, header.value]),
    ...(options.body === undefined ? [] : ["Content-Length", String(options.body.length)]),
  ];
  const request = options.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(options.url, {
      method: options.method,
      // An array keeps order, duplicates and the captured case of names.
      headers: rawHeaders,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new RecordError(
          error.name === "TimeoutError" || error.name === "AbortError"
            ? `no answer within ${options.timeoutMs} ms`
            : (error.code ?? "the connection failed"),
        ),
      );
    });
    outgoing.on("response", (incoming) => {
      readResponse(incoming, options.maxBodyBytes).then(resolve, () =>
        reject(new RecordError(`the response was cut off or took over ${options.timeoutMs} ms`)),
      );
    });
    outgoing.end(options.body);
  });
}

async function readResponse(
  incoming: IncomingMessage,
  maxBodyBytes: number,
): Promise<CapturedResponse> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of incoming) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBodyBytes) {
      truncated = true;
      incoming.destroy();
      break;
    }
    chunks.push(bytes);
  }
  const headers: NameValue[] = [];
  for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
    headers.push({
      name: incoming.rawHeaders[index] ?? "",
      value: incoming.rawHeaders[index + 1] ?? "",
    });
  }
  const mimeType = incoming.headers["content-type"];
  const response: CapturedResponse = {
    status: incoming.statusCode ?? 0,
    headers,
    ...(mimeType ? { mimeType } : {}),
  };
  const body = Buffer.concat(chunks);
  if (truncated || body.length === 0 || !isText(mimeType)) return response;
  const text = new TextDecoder("utf-8", { fatal: true });
  try {
    return { ...response, bodyText: text.decode(body) };
  } catch {
    return response;
  }
}

function isText(mimeType: string | undefined): boolean {
  if (mimeType === undefined) return true;
  return /^text\/|[/+](json|xml)\b|^application\/(x-www-form-urlencoded|javascript)/i.test(
    mimeType,
  );
}
