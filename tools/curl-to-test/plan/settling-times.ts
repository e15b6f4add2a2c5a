/**
 * Times deep inside a response (an event's `publish.nextAttemptAt`, a delivery's `pickedUpAt`)
 * are set and cleared by work the service does in the background: a re-run that reads a moment
 * later sees null where the capture saw a time, or the reverse. Below the response's own fields
 * such a time is asserted as a timestamp or null; the response's own times (`placedAt`) stay
 * strict.
 */
import type { InferredSchema } from "./conversion-plan.ts";

const timeName = /(At|_at|Time|_time|Timestamp|_timestamp)$/;

export function nestedTimesNullable(schema: InferredSchema, depth = 0): InferredSchema {
  switch (schema.type) {
    case "object":
      return {
        type: "object",
        properties: schema.properties.map((property) => ({
          ...property,
          schema:
            depth > 0 && timeName.test(property.name) && isTimestamp(property.schema)
              ? { type: "union", anyOf: [property.schema, { type: "null" }] }
              : nestedTimesNullable(property.schema, depth + 1),
        })),
      };
    case "array":
      return { type: "array", items: schema.items && nestedTimesNullable(schema.items, depth + 1) };
    case "union":
      return {
        type: "union",
        anyOf: schema.anyOf.map((member) => nestedTimesNullable(member, depth)),
      };
    default:
      return schema;
  }
}

function isTimestamp(schema: InferredSchema): boolean {
  return schema.type === "string" && (schema.format === "date-time" || schema.format === "date");
}
