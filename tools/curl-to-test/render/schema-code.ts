import type { InferredSchema, StringFormat } from "../plan/conversion-plan.ts";
import { propertyKey, stringLiteral } from "./literal.ts";

/** The same checks the planner used to infer each format (see infer-schema.ts). */
const zodFormats: Record<StringFormat, string> = {
  uuid: "z.uuid()",
  "date-time": "z.iso.datetime({ offset: true })",
  date: "z.iso.date()",
  email: "z.email()",
};

/** A zod expression that accepts exactly what the inferred schema describes. */
export function zodSchemaCode(schema: InferredSchema | null): string {
  if (schema === null) return "z.unknown()";
  switch (schema.type) {
    case "string":
      if (schema.enum) return `z.enum([${schema.enum.map(stringLiteral).join(", ")}])`;
      return schema.format ? zodFormats[schema.format] : "z.string()";
    case "number":
      return schema.integer ? "z.number().int()" : "z.number()";
    case "boolean":
      return "z.boolean()";
    case "null":
      return "z.null()";
    case "unknown":
      return "z.unknown()";
    case "array":
      return `z.array(${zodSchemaCode(schema.items)})`;
    case "object": {
      const members = schema.properties.map(
        (property) =>
          `${propertyKey(property.name)}: ${zodSchemaCode(property.schema)}${property.optional ? ".optional()" : ""}`,
      );
      return `z.object({ ${members.join(", ")} })`;
    }
    case "union": {
      const others = schema.anyOf.filter((member) => member.type !== "null");
      const nullable = others.length < schema.anyOf.length;
      const base =
        others.length === 1
          ? zodSchemaCode(others[0]!)
          : `z.union([${others.map(zodSchemaCode).join(", ")}])`;
      return nullable ? `${base}.nullable()` : base;
    }
  }
}

/** The TypeScript type of values the schema describes, for typed request bodies. */
export function typeScriptTypeCode(schema: InferredSchema | null): string {
  if (schema === null) return "unknown";
  switch (schema.type) {
    case "string":
      return schema.enum ? schema.enum.map(stringLiteral).join(" | ") : "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "unknown":
      return "unknown";
    case "array": {
      const items = typeScriptTypeCode(schema.items);
      return /^[A-Za-z]+$/.test(items) ? `${items}[]` : `Array<${items}>`;
    }
    case "object": {
      // `{}` would mean any non-nullish value.
      if (schema.properties.length === 0) return "Record<string, never>";
      const members = schema.properties.map(
        (property) =>
          `${propertyKey(property.name)}${property.optional ? "?" : ""}: ${typeScriptTypeCode(property.schema)}`,
      );
      return `{ ${members.join("; ")} }`;
    }
    case "union":
      return schema.anyOf.map(typeScriptTypeCode).join(" | ");
  }
}
