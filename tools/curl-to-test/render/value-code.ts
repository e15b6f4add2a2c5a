import type { JsonTemplate, TemplatePart, ValueTemplate } from "../plan/conversion-plan.ts";
import { propertyKey, scalarLiteral, stringLiteral } from "./literal.ts";

/**
 * How a generated file reads the two kinds of value a template holds: a secret from the
 * environment and a flow value a response exported. Each renderer says how; the rest of the
 * code of a value is the same for specs and load scenarios.
 */
export interface ValueSources {
  env(name: string): string;
  variable(name: string): string;
}

/** A string expression: literal text joined with secrets and flow values. */
export function templateCode(sources: ValueSources, template: ValueTemplate): string {
  if (template.length === 0) return '""';
  return template.map((part) => partCode(sources, part)).join(" + ");
}

function partCode(sources: ValueSources, part: TemplatePart): string {
  if (part.kind === "literal") return stringLiteral(part.text);
  const value =
    part.kind === "variable"
      ? `String(${sources.variable(part.name)})`
      : part.fallback === undefined
        ? sources.env(part.name)
        : // Not a secret (a web origin, say): the captured value stands in when the env is unset.
          `(process.env[${stringLiteral(part.name)}] || ${stringLiteral(part.fallback)})`;
  switch (part.encoding) {
    case "none":
      return value;
    case "uri-component":
      return `encodeURIComponent(${value})`;
    case "json-string":
      return `JSON.stringify(${value})`;
  }
}

/** A JSON body as an object literal, with secrets and flow values where the plan puts them. */
export function jsonCode(sources: ValueSources, template: JsonTemplate): string {
  switch (template.kind) {
    case "literal":
      return scalarLiteral(template.value);
    case "object":
      return `{ ${template.entries
        .map((entry) => `${propertyKey(entry.key)}: ${jsonCode(sources, entry.value)}`)
        .join(", ")} }`;
    case "array":
      return `[${template.items.map((item) => jsonCode(sources, item)).join(", ")}]`;
    case "env":
      return sources.env(template.name);
    case "variable": {
      const value = sources.variable(template.name);
      return template.asString ? `String(${value})` : value;
    }
  }
}
