import type {
  JsonTemplate,
  PlannedBody,
  PlannedExchange,
  PlannedMultipartPart,
  ValueTemplate,
} from "../plan/conversion-plan.ts";
import { stringLiteral } from "./literal.ts";
import { urlencodeLikeCurlCode } from "./urlencode-like-curl-code.ts";

/** What the body code needs of the scenario module it goes into. */
export interface ScenarioNames {
  /** A module-level constant, under a name no other takes. */
  declare(candidate: string, code: string): string;
  /** A helper of tests/perf/lib/captured-traffic.ts, imported once. */
  use(helper: string): string;
  /** A TODO comment for the text, and the same line as a warning. */
  todo(exchange: PlannedExchange, message: string): string;
}

export interface BodyContext {
  module: ScenarioNames;
  exchange: PlannedExchange;
  template: (value: ValueTemplate) => string;
  json: (value: JsonTemplate) => string;
}

export interface BodyCode {
  /** Statements before the request is filled in. */
  lines: string[];
  /** Statements that set the request's body. */
  assign: string[];
  /** A content-type expression that replaces the captured header (multipart). */
  contentType?: string;
}

export function requestBodyCode(context: BodyContext, body: PlannedBody): BodyCode {
  const { module, exchange, template, json } = context;
  switch (body.kind) {
    case "none":
      return { lines: [], assign: [] };
    case "json":
      return { lines: [], assign: [`request.json = ${json(body.value)};`] };
    case "text":
      return { lines: [], assign: [`request.body = ${template(body.text)};`] };
    case "binary": {
      const bytes = module.declare(
        "binaryBody",
        `Buffer.from(${stringLiteral(body.base64)}, "base64")`,
      );
      return { lines: [], assign: [`request.body = ${bytes};`] };
    }
    case "file": {
      const todo = fileTodo(module, exchange, body.path);
      const raw = body.transform === "none";
      const file = readFile(module, "fileBody", body.path, raw);
      return { lines: [todo], assign: [`request.body = ${fileTransformCode(file, body)};`] };
    }
    case "multipart":
      return multipartCode({ ...context, parts: body.parts });
  }
}

/** A file the hook reads on first use (not when the module loads), then keeps. */
function readFile(module: ScenarioNames, candidate: string, path: string, raw: boolean): string {
  const file = module.declare(
    candidate,
    `${module.use(raw ? "fileBytes" : "fileText")}(${stringLiteral(path)})`,
  );
  return `${file}()`;
}

function fileTodo(module: ScenarioNames, exchange: PlannedExchange, path: string): string {
  return module.todo(
    exchange,
    `${path} is read once per worker, relative to the folder qaops perf runs in; put the file there or change the path`,
  );
}

/** The file's text turned into the body as curl's option did (`-d @file`, `--data-urlencode`). */
function fileTransformCode(file: string, body: Extract<PlannedBody, { kind: "file" }>): string {
  switch (body.transform) {
    case "none":
      return file;
    case "strip-newlines":
      return `${file}.replace(/[\\r\\n]/g, "")`;
    case "urlencode":
      return urlencodeLikeCurlCode(file, body.urlencodeName);
  }
}

/** The parts in their captured order, text and files alike, as `multipartBody` writes them. */
function multipartCode(input: BodyContext & { parts: readonly PlannedMultipartPart[] }): BodyCode {
  const { module, exchange, parts, template } = input;
  const lines: string[] = [];
  const valueOf = (part: PlannedMultipartPart): string => {
    if (part.kind === "field") return template(part.value);
    if (part.kind === "field-from-file") {
      lines.push(fileTodo(module, exchange, part.path));
      return readFile(module, "fieldFile", part.path, false);
    }
    if (part.content.kind === "text") return stringLiteral(part.content.text);
    lines.push(fileTodo(module, exchange, part.content.path));
    return readFile(module, "partFile", part.content.path, true);
  };
  module.use("multipartBody");
  const entries = parts.map((part) => {
    const fields = [`name: ${stringLiteral(part.name)}`, `value: ${valueOf(part)}`];
    if (part.kind === "file") fields.push(`filename: ${stringLiteral(part.filename)}`);
    if (part.kind !== "field-from-file" && part.contentType !== undefined) {
      fields.push(`contentType: ${stringLiteral(part.contentType)}`);
    }
    return `{ ${fields.join(", ")} }`;
  });
  lines.push(`const form = multipartBody([${entries.join(", ")}]);`);
  return { lines, assign: ["request.body = form.body;"], contentType: "form.contentType" };
}
