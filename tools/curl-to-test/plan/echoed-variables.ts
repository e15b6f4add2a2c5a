/**
 * A response that names the thing its request asked for (`GET /v1/orders/{orderId}` answers
 * `id`, the events of an order answer `orderId`, a create echoes its idempotency key): the
 * field is dynamic, so no value assertion covers it, yet it must be the flow variable the
 * request sent. A service answering about another order than the one asked for breaks that.
 */
import type { PlannedInvariant, PlannedResponseBody } from "./conversion-plan.ts";
import { safeJsonParse } from "./json-body.ts";
import { scalarFields, valueAt } from "./sample-paths.ts";

export interface EchoInput {
  request: { response?: { bodyText?: string } };
  sentVariables: readonly { name: string; value: string | number | boolean | null }[];
}

/** Root-level fields equal to a sent variable's captured value in every captured sample. */
export function echoedVariables(
  group: readonly EchoInput[],
  body: PlannedResponseBody,
): PlannedInvariant[] {
  if (body.kind !== "json") return [];
  const samples = group.map((item) => ({
    json: safeJsonParse(item.request.response?.bodyText ?? ""),
    sent: item.sentVariables,
  }));
  const found: PlannedInvariant[] = [];
  for (const field of scalarFields(body.schema, [])) {
    for (const variable of (group[0]?.sentVariables ?? []).filter((sent) =>
      namesMatch(field.path.at(-1)!, sent.name),
    )) {
      const echoes = samples.every(({ json, sent }) => {
        const value = sent.find((candidate) => candidate.name === variable.name)?.value;
        return value !== undefined && String(valueAt(json, field.path)) === String(value);
      });
      if (
        !echoes ||
        found.some((echo) => echo.kind === "echo" && echo.variable === variable.name)
      ) {
        continue;
      }
      const name = field.path.join(".");
      found.push({
        kind: "echo",
        path: field.path,
        variable: variable.name,
        description: `${name} is the ${variable.name} the request sent`,
        evidence: `held on ${samples.length === 1 ? "the captured response" : `${samples.length} captured responses`}`,
      });
    }
  }
  return found;
}

/** `orderId` echoes `orderId`; a bare `id` echoes any `…Id` (the resource asked for). */
function namesMatch(key: string, variable: string): boolean {
  const bare = variable.replace(/\d+$/, "");
  if (key.toLowerCase() === bare.toLowerCase()) return true;
  return /^(id|uuid|guid)$/i.test(key) && /(Id|Uuid|Guid)$/.test(bare);
}
