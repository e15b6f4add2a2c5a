import type {
  JsonTemplate,
  PlannedBody,
  PlannedExchange,
  PlannedMultipartPart,
  ValueTemplate,
} from "../plan/conversion-plan.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { PartContent } from "./body-code.ts";
import { bytesCode, describeParts, fileBodyCode, multipartBodyCall } from "./body-code.ts";
import { stringLiteral } from "./literal.ts";

/** What the body code needs of the scenario module it goes into. */
export interface ScenarioNames {
  /** A module-level constant, under a name no other takes. */
  declare(candidate: string, code: string): string;
  /** A helper of tests/perf/lib/captured-traffic.ts, imported once. */
  use(helper: string): string;
  /** A TODO comment for the text, and the same line as a warning. */
  todo(exchange: PlannedExchange, note: WarningNote): string;
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
      const bytes = module.declare("binaryBody", bytesCode(body.base64));
      return { lines: [], assign: [`request.body = ${bytes};`] };
    }
    case "file": {
      const todo = fileTodo(module, exchange, body.path);
      const code = fileBodyCode(body, (as) => readFile(module, "fileBody", body.path, as));
      return { lines: [todo], assign: [`request.body = ${code};`] };
    }
    case "multipart":
      return multipartCode({ ...context, parts: body.parts });
  }
}

/** A file the hook reads on first use (not when the module loads), then keeps. */
function readFile(
  module: ScenarioNames,
  candidate: string,
  path: string,
  as: "text" | "bytes",
): string {
  const helper = module.use(as === "bytes" ? "fileBytes" : "fileText");
  return `${module.declare(candidate, `${helper}(${stringLiteral(path)})`)}()`;
}

function fileTodo(module: ScenarioNames, exchange: PlannedExchange, path: string): string {
  return module.todo(exchange, {
    code: "load-file-per-worker",
    message: `${path} is read once per worker, relative to the folder qaops perf runs in; put the file there or change the path`,
  });
}

/** The parts in their captured order, text and files alike, as `multipartBody` writes them. */
function multipartCode(input: BodyContext & { parts: readonly PlannedMultipartPart[] }): BodyCode {
  const { module, exchange, parts, template } = input;
  const lines: string[] = [];
  const contentCode = (content: PartContent): string => {
    switch (content.kind) {
      case "template":
        return template(content.value);
      case "text":
        return stringLiteral(content.text);
      case "file":
        lines.push(fileTodo(module, exchange, content.path));
        return readFile(
          module,
          content.as === "text" ? "fieldFile" : "partFile",
          content.path,
          content.as,
        );
    }
  };
  module.use("multipartBody");
  const call = multipartBodyCall(describeParts(parts), contentCode);
  lines.push(`const form = ${call};`);
  return { lines, assign: ["request.body = form.body;"], contentType: "form.contentType" };
}
