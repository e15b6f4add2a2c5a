/**
 * A curl capture holds no responses, yet its later commands send the ids its earlier ones got
 * back (`POST /v1/orders`, then `POST /v1/orders/7/cancel`). On the first replay, an id the
 * capture sends that nothing before it sent or returned, in a place of the same kind as an id
 * a replayed response just returned (an order id after `/orders/`, the `id` of an order), is
 * taken to be what the capture's own response returned there: the replay sends its own id in
 * its place, and the recorded response is written as the capture must have seen it, so the
 * planner links the two steps.
 */
import type { CapturedResponse } from "../model/captured-request.ts";
import type { JsonPath } from "../plan/conversion-plan.ts";
import type { RequestSlot } from "../plan/request-slots.ts";
import { kindsMatch, producedKinds, sentKinds } from "../plan/value-kind.ts";
import type { ValueKind } from "../plan/value-kind.ts";

const idKey = /^(id|uuid|guid)$|(Id|ID|_id|Uuid|_uuid|Guid)$/;

interface ReturnedId {
  request: number;
  path: JsonPath;
  value: string | number;
  kinds: ValueKind[];
}

export class CapturedIds {
  readonly #returned: ReturnedId[] = [];
  readonly #known = new Set<string | number>();

  /** Values a request sent or a captured response returned: never an unknown capture id. */
  noteKnown(values: readonly unknown[]): void {
    for (const value of values) {
      if (typeof value === "string" || typeof value === "number") this.#known.add(value);
    }
  }

  /** Ids at object keys (not in lists) of a response replayed where the capture had none. */
  noteReturned(request: number, url: string, json: unknown): void {
    const walk = (value: unknown, path: JsonPath): void => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        const key = path.at(-1);
        if (typeof key === "string" && idKey.test(key) && isId(value)) {
          this.#returned.push({ request, path, value, kinds: producedKinds(path, url) });
        }
        return;
      }
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    };
    walk(json, []);
  }

  /**
   * The replayed id standing for a slot's unknown captured value, or undefined. Taken once: the
   * id then belongs to that captured value.
   */
  match(slot: RequestSlot, url: string): ReturnedId | undefined {
    const value = slot.value;
    if (!isId(value) || this.#known.has(value)) return undefined;
    const kinds = sentKinds(slot.place, url);
    // A path segment or query is text: `7` there is the order id 7 a response returned.
    const sameType = (entry: ReturnedId) =>
      typeof entry.value === typeof value ||
      (typeof entry.value === "number" && /^\d+$/.test(String(value)));
    const index = this.#returned.findLastIndex(
      (entry) => sameType(entry) && kindsMatch(entry.kinds, kinds),
    );
    if (index === -1) return undefined;
    const [entry] = this.#returned.splice(index, 1);
    return entry;
  }
}

/** The response with the value at `path` replaced (JSON re-serialised). */
export function withValueAt(
  response: CapturedResponse,
  path: JsonPath,
  value: string | number,
): CapturedResponse {
  const json = JSON.parse(response.bodyText ?? "null") as unknown;
  let node = json as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return { ...response, bodyText: JSON.stringify(json) };
}

function isId(value: unknown): value is string | number {
  return (typeof value === "number" && Number.isSafeInteger(value)) || typeof value === "string";
}
