/**
 * `--record URL` and `--verify URL`: the whole capture replayed several times against a target,
 * in capture order, each time in fresh state, to learn what varies between runs and what holds.
 * Each run sends fresh nonces (idempotency keys, request ids, client-made ids) and, where the
 * capture sent an id that an earlier response of the capture returned, the id this run's own
 * response returned instead: a replayed cancel cancels the order this run created, never the
 * capture's (long since cancelled).
 *
 * A request without a captured response (curl) takes the first run's as its response; every
 * other run's response is kept in `replays`. Nothing here decides what to assert: the planner
 * does, from the capture and the replays.
 */
import { randomUUID } from "node:crypto";
import type { CapturedRequest, CapturedResponse } from "../model/captured-request.ts";
import { safeJsonParse } from "../plan/json-body.ts";
import { findNonces } from "../plan/nonce-slots.ts";
import { relativeUrl, requestSlots } from "../plan/request-slots.ts";
import type { RequestSlot } from "../plan/request-slots.ts";
import { CapturedIds, withValueAt } from "./captured-ids.ts";
import { parseTarget, recordOne } from "./record-responses.ts";
import type { RecordOptions } from "./record-responses.ts";
import { rewriteSlots } from "./rewrite-slots.ts";
import type { SlotReplacement } from "./rewrite-slots.ts";

export interface ReplayOptions extends Omit<RecordOptions, "concurrency"> {
  /** Replays of the whole capture; at least 2, default 3. */
  runs?: number;
}

export const defaultReplayRuns = 3;

/** A captured value, as text (`7` in a path and `7` in JSON are one id) → this run's value. */
type FreshValues = Map<string, string | number>;

/** For `convertCaptures({ recordResponses })`. */
export function captureReplayer(
  options: ReplayOptions,
): (requests: CapturedRequest[]) => Promise<CapturedRequest[]> {
  return (requests) => replayCapture(requests, options);
}

const idKey = /^(id|uuid|guid)$|(Id|ID|_id|Uuid|_uuid|Guid|Token|_token|Key|_key|Ref|_ref)$/;

export async function replayCapture(
  requests: CapturedRequest[],
  options: ReplayOptions,
): Promise<CapturedRequest[]> {
  const target = parseTarget(options.target);
  const runs = Math.max(2, options.runs ?? defaultReplayRuns);
  const slots = requests.map((request) => requestSlots(request));
  const nonceValues = new Set(
    findNonces(
      requests.map((request, index) => ({ request, slots: slots[index]! })),
      () => false,
    ).map((nonce) => nonce.value),
  );
  const results = requests.map((request) => ({
    ...request,
    replays: [...(request.replays ?? [])],
  }));
  const total = runs * requests.length;
  let done = 0;
  for (let run = 0; run < runs; run += 1) {
    const fresh = new Map<string, string | number>();
    const capturedIds = run === 0 ? new CapturedIds() : null;
    for (const [index, request] of requests.entries()) {
      if (capturedIds)
        matchCapturedIds({ capturedIds, request, slots: slots[index]!, fresh, results });
      const replacements = slotReplacements(slots[index]!, fresh, nonceValues);
      const sent = await recordOne(rewriteSlots(request, replacements), target, options);
      options.onProgress?.(++done, total);
      const result = results[index]!;
      capturedIds?.noteKnown(slots[index]!.map((slot) => slot.value));
      if (request.response) capturedIds?.noteKnown(jsonLeaves(parseJson(request.response)));
      if (!sent.response) {
        if (run === 0) result.warnings = sent.warnings;
        continue;
      }
      const reference = result.response;
      if (reference === undefined) {
        result.response = sent.response;
        capturedIds?.noteReturned(index, relativeUrl(request.url), parseJson(sent.response));
      } else {
        result.replays.push(sent.response);
        learnFreshIds(parseJson(reference), parseJson(sent.response), fresh);
      }
    }
  }
  return results;
}

/** First run of a capture without responses: its unknown ids stand for what this run returned. */
function matchCapturedIds(input: {
  capturedIds: CapturedIds;
  request: CapturedRequest;
  slots: readonly RequestSlot[];
  fresh: FreshValues;
  results: CapturedRequest[];
}): void {
  const url = relativeUrl(input.request.url);
  for (const slot of input.slots) {
    if (
      slot.value === null ||
      typeof slot.value === "boolean" ||
      input.fresh.has(String(slot.value))
    ) {
      continue;
    }
    const match = input.capturedIds.match(slot, url);
    const producer = match && input.results[match.request];
    if (!match || !producer?.response) continue;
    input.fresh.set(String(slot.value), match.value);
    const captured = typeof match.value === "number" ? Number(slot.value) : slot.value;
    producer.response = withValueAt(producer.response, match.path, captured);
  }
}

function jsonLeaves(json: unknown): unknown[] {
  if (typeof json !== "object" || json === null) return [json];
  return Object.values(json).flatMap(jsonLeaves);
}

/** Nonces get a fresh value per run; ids a response of this run returned take that value. */
function slotReplacements(
  slots: readonly RequestSlot[],
  fresh: FreshValues,
  nonceValues: ReadonlySet<string>,
): SlotReplacement[] {
  return slots.flatMap((slot): SlotReplacement[] => {
    const value = slot.value;
    if (typeof value !== "string" && typeof value !== "number") return [];
    if (typeof value === "string" && nonceValues.has(value) && !fresh.has(value)) {
      fresh.set(value, randomUUID());
    }
    const replacement = fresh.get(String(value));
    if (replacement === undefined) return [];
    // A path segment or query holds text; a JSON number never becomes a string.
    if (typeof value === "string") return [{ slot, value: String(replacement) }];
    return typeof replacement === "number" ? [{ slot, value: replacement }] : [];
  });
}

/**
 * Ids of the captured response and this run's, side by side: where they differ, this run's
 * stands for the captured one from now on. The first response that returned an id is its
 * source; a list showing it again later changes nothing.
 */
function learnFreshIds(captured: unknown, replayed: unknown, fresh: FreshValues, key = ""): void {
  if (Array.isArray(captured) && Array.isArray(replayed)) {
    captured.forEach((item, index) => learnFreshIds(item, replayed[index], fresh, key));
  } else if (isObject(captured) && isObject(replayed)) {
    for (const [childKey, child] of Object.entries(captured)) {
      learnFreshIds(child, replayed[childKey], fresh, childKey);
    }
  } else if (
    (typeof captured === "string" || typeof captured === "number") &&
    typeof replayed === typeof captured &&
    captured !== replayed &&
    idKey.test(key) &&
    !fresh.has(String(captured))
  ) {
    fresh.set(String(captured), replayed as string | number);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(response: CapturedResponse): unknown {
  return safeJsonParse(response.bodyText ?? "");
}
