import type { CapturedRequest, MultipartPart } from "../model/captured-request.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type {
  JsonTemplate,
  PlannedBody,
  PlannedHeader,
  PlannedMultipartPart,
  PlannedRequest,
  TemplatePart,
  ValueTemplate,
} from "./conversion-plan.ts";
import { clientDefaultTodos, withCurlAccept } from "./client-defaults.ts";
import { fixtureLimits, fixtureLimitTodo } from "./fixture-limits.ts";
import { inferSchema } from "./infer-schema.ts";
import type { RequestSlot, SlotArea } from "./request-slots.ts";
import { relativeUrl } from "./request-slots.ts";

/** What fills a slot instead of its captured text. */
export type SlotFill =
  | { kind: "env"; name: string }
  /** `asString`: a number or boolean from a response, sent where the capture had a string. */
  | { kind: "variable"; name: string; asString: boolean };

export interface RequestTemplateInput {
  request: CapturedRequest;
  slots: readonly RequestSlot[];
  /** Slot index → what replaces it. */
  fills: ReadonlyMap<number, SlotFill>;
  /** Headers a test should not send (browser noise); see plan/noise-headers.ts. */
  isNoiseHeader: (name: string, value: string) => boolean;
}

export interface RequestTemplate {
  request: PlannedRequest;
  /** What the test sends differently from the capture. */
  todos: WarningNote[];
}

/**
 * The request a test sends: the captured request relative to `baseURL`, noise headers
 * dropped, and every filled slot replaced by an env var or flow variable. Everything else is
 * the captured text, unchanged.
 */
export function requestTemplate(input: RequestTemplateInput): RequestTemplate {
  const { request } = input;
  const todos: WarningNote[] = [];
  const url = fillText(relativeUrl(request.url), slotsIn(input, { kind: "url" }));

  const headers = plannedHeaders(input, todos);
  const bodyTodos: WarningNote[] = [];
  const status = request.response?.status;
  const planned: PlannedRequest = {
    method: request.method,
    url: mergeLiterals(url),
    ...(request.queryFiles
      ? { queryFiles: request.queryFiles.map(({ missing: _, ...file }) => file) }
      : {}),
    headers: headers.map((header) => ({ ...header, value: mergeLiterals(header.value) })),
    body: plannedBody(input, bodyTodos),
    followRedirects: !(status !== undefined && status >= 300 && status < 400),
  };
  // undici sends only what it is given: curl's default Accept is written out, and no client
  // default needs a TODO.
  const limits = fixtureLimits(planned);
  const asWritten = limits.length > 0;
  todos.push(
    ...(asWritten ? [] : clientDefaultTodos(request, headers)),
    ...queryFileTodos(request),
    ...bodyTodos,
    ...limits.map(fixtureLimitTodo),
  );
  return { request: asWritten ? withCurlAccept(planned, request) : planned, todos };
}

/** Query values the test reads from files when it runs (a missing one is warned at intake). */
function queryFileTodos(request: CapturedRequest): WarningNote[] {
  return (request.queryFiles ?? [])
    .filter((file) => file.missing === undefined)
    .map((file) => ({
      code: "file-read-at-run",
      message: `query ${file.name ?? ""}@${file.path} is read from the file when the test runs; keep that file there`,
    }));
}

/**
 * The headers a test sends, noise dropped and repeats joined into one (curl sends each; a
 * test's client sends one per name); what differs from the capture is added to `todos`.
 */
function plannedHeaders(input: RequestTemplateInput, todos: WarningNote[]): PlannedHeader[] {
  const { request } = input;
  const headers: PlannedHeader[] = [];
  const seen = new Map<string, { header: PlannedHeader; count: number }>();
  request.headers.forEach((header, index) => {
    if (input.isNoiseHeader(header.name, header.value)) return;
    // Playwright writes its own multipart boundary; the captured one would not match the body.
    // A Content-Type curl appends its boundary to goes with the body (plannedBody).
    if (request.body.kind === "multipart" && /^content-type$/i.test(header.name)) {
      const mediaType = header.value.split(";")[0]!.trim().toLowerCase();
      if (mediaType !== "multipart/form-data" && request.body.contentType === undefined) {
        todos.push({
          code: "multipart-type-replaced",
          message: `${header.name} ${mediaType}: the test sends the body as multipart/form-data with its own boundary`,
        });
      }
      return;
    }
    const value = fillText(header.value, slotsIn(input, { kind: "header", index }));
    const key = header.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier) {
      const separator = key === "cookie" ? "; " : ", ";
      earlier.header.value = [...earlier.header.value, literal(separator), ...value];
      earlier.count += 1;
      return;
    }
    const planned = { name: header.name, value };
    seen.set(key, { header: planned, count: 1 });
    headers.push(planned);
  });
  for (const { header, count } of seen.values()) {
    if (count > 1) {
      todos.push({
        code: "header-joined",
        message: `header ${header.name} was captured ${count} times; the test sends it once, values joined`,
      });
    }
  }
  return headers;
}

function plannedBody(input: RequestTemplateInput, todos: WarningNote[]): PlannedBody {
  const { request } = input;
  const body = request.body;
  switch (body.kind) {
    case "none":
      return { kind: "none" };
    case "binary":
      return { kind: "binary", base64: body.base64 };
    case "file":
      // A file that is not here has its own warning; one that is must stay there.
      if (!body.missing) {
        todos.push(
          readAtRun(`the body is read from ${body.path} when the test runs; keep that file there`),
        );
      }
      return {
        kind: "file",
        path: body.path,
        transform: body.transform ?? "none",
        ...(body.urlencodeName !== undefined ? { urlencodeName: body.urlencodeName } : {}),
      };
    case "text": {
      const slots = slotsIn(input, { kind: "body" });
      return (
        canonicalJsonBody(body.text, slots) ?? {
          kind: "text",
          text: mergeLiterals(fillText(body.text, slots)),
        }
      );
    }
    case "multipart":
      if (body.contentType !== undefined && /;\s*boundary=/i.test(body.contentType)) {
        todos.push({
          code: "multipart-boundary-appended",
          message: `Content-Type ${body.contentType}: sent as curl sends it, with the body's own boundary after the captured one; a server that reads the first will not find the parts`,
        });
      }
      return {
        kind: "multipart",
        parts: body.parts.map((part, index) => plannedPart(input, part, index, todos)),
        ...(body.contentType !== undefined && body.contentType !== "multipart/form-data"
          ? { contentType: body.contentType }
          : {}),
      };
  }
}

/** A multipart part: a field, a field read from a file, or a file upload. */
function plannedPart(
  input: RequestTemplateInput,
  part: MultipartPart,
  index: number,
  todos: WarningNote[],
): PlannedMultipartPart {
  if (part.filePath !== undefined && part.filename === undefined) {
    const path = part.filePath;
    if (!part.missing)
      todos.push(readAtRun(`part ${part.name} is read from ${path}; keep that file there`));
    return { kind: "field-from-file", name: part.name, path: part.filePath };
  }
  if (part.filePath !== undefined || part.filename !== undefined) {
    const filename = part.filename ?? part.filePath?.split(/[\\/]/).at(-1) ?? part.name;
    const path = part.filePath;
    if (path !== undefined && !part.missing) {
      todos.push(readAtRun(`part ${part.name} uploads ${path}; keep that file there`));
    }
    return {
      kind: "file",
      name: part.name,
      filename,
      ...(part.contentType ? { contentType: part.contentType } : {}),
      content:
        part.filePath !== undefined
          ? { kind: "path", path: part.filePath }
          : { kind: "text", text: part.value ?? "" },
    };
  }
  const value = fillText(part.value ?? "", slotsIn(input, { kind: "multipart", index }));
  return {
    kind: "field",
    name: part.name,
    value: mergeLiterals(value),
    ...(part.contentType ? { contentType: part.contentType } : {}),
  };
}

/**
 * A JSON object or array body whose text is exactly what `JSON.stringify` writes (as browsers
 * and most clients send it) can be a typed object literal: serialising it gives the captured
 * bytes back. Anything else stays text, so no byte changes.
 */
function canonicalJsonBody(
  text: string,
  slots: readonly { slot: RequestSlot; fill: SlotFill }[],
): PlannedBody | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || JSON.stringify(value) !== text) return null;
  const fills = new Map<string, SlotFill>();
  for (const { slot, fill } of slots) {
    if (slot.place.kind === "json") fills.set(JSON.stringify(slot.place.path), fill);
  }
  const template = (current: unknown, path: (string | number)[]): JsonTemplate => {
    const fill = fills.get(JSON.stringify(path));
    if (fill) {
      return fill.kind === "env"
        ? { kind: "env", name: fill.name }
        : { kind: "variable", name: fill.name, asString: fill.asString };
    }
    if (Array.isArray(current)) {
      return {
        kind: "array",
        items: current.map((item, index) => template(item, [...path, index])),
      };
    }
    if (typeof current === "object" && current !== null) {
      return {
        kind: "object",
        entries: Object.entries(current).map(([key, child]) => ({
          key,
          value: template(child, [...path, key]),
        })),
      };
    }
    return { kind: "literal", value: current as string | number | boolean | null };
  };
  return { kind: "json", schema: inferSchema([value])!, value: template(value, []) };
}

function slotsIn(
  input: RequestTemplateInput,
  area: SlotArea,
): { slot: RequestSlot; fill: SlotFill }[] {
  const found: { slot: RequestSlot; fill: SlotFill }[] = [];
  input.slots.forEach((slot, index) => {
    const fill = input.fills.get(index);
    if (fill && sameArea(slot.area, area)) found.push({ slot, fill });
  });
  return found.sort((a, b) => a.slot.start - b.slot.start);
}

function sameArea(a: SlotArea, b: SlotArea): boolean {
  if (a.kind !== b.kind) return false;
  return !("index" in a) || !("index" in b) || a.index === b.index;
}

/** The text with each filled slot's raw span replaced; spans never overlap. */
function fillText(
  text: string,
  fills: readonly { slot: RequestSlot; fill: SlotFill }[],
): ValueTemplate {
  const parts: TemplatePart[] = [];
  let position = 0;
  for (const { slot, fill } of fills) {
    if (slot.start < position) continue;
    if (slot.start > position) parts.push(literal(text.slice(position, slot.start)));
    const encoding = slot.encoding;
    parts.push(
      fill.kind === "env"
        ? { kind: "env", name: fill.name, encoding }
        : { kind: "variable", name: fill.name, encoding },
    );
    position = slot.end;
  }
  if (position < text.length) parts.push(literal(text.slice(position)));
  return parts;
}

function literal(text: string): TemplatePart {
  return { kind: "literal", text };
}

function mergeLiterals(template: ValueTemplate): ValueTemplate {
  const merged: TemplatePart[] = [];
  for (const part of template) {
    const last = merged.at(-1);
    if (part.kind === "literal" && last?.kind === "literal") {
      merged[merged.length - 1] = literal(last.text + part.text);
    } else if (part.kind !== "literal" || part.text !== "") {
      merged.push(part);
    }
  }
  return merged;
}

function readAtRun(message: string): WarningNote {
  return { code: "file-read-at-run", message };
}
