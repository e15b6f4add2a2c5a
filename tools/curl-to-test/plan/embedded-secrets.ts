/**
 * Secrets the slot-by-slot finder cannot see: a secret-named field inside JSON carried in one
 * form field or header (`data={"password": …}`), and secret-named pairs or detected secrets in
 * a body that is neither JSON nor a form (`{"password": "x",}`, `<token>…</token>`).
 */
import { jsonPathText } from "./json-path-text.ts";
import { jsonTextLeaves } from "./json-text-leaves.ts";
import type { RequestSlot } from "./request-slots.ts";
import type { DetectedSecrets } from "./secretlint-scan.ts";
import { envNameOf, isSecretName } from "./secret-names.ts";

/** The path of the first secret-named field of a value that is a JSON object or array. */
export function secretFieldInJson(value: string): string | null {
  if (!/^\s*[[{]/.test(value)) return null;
  for (const leaf of jsonTextLeaves(value) ?? []) {
    const key = leaf.path.filter((step): step is string => typeof step === "string").at(-1);
    const text = leaf.value === null ? "" : String(leaf.value);
    if (key !== undefined && text !== "" && isSecretName(key, text)) return jsonPathText(leaf.path);
  }
  return null;
}

export interface SecretSpan {
  start: number;
  end: number;
  envName: string;
  description: string;
}

/** `"password": "x"`, `password=x`, `password: x`, `'token': 'x'` in free text. */
const secretPair =
  /(["']?)([A-Za-z][A-Za-z0-9_.-]{0,60})\1[ \t]*[:=][ \t]*(?:"((?:[^"\\\r\n]|\\.)*)"|'([^'\r\n]*)'|([^\s,;&"'<>{}[\]]+))/g;
/** `<password>x</password>` */
const secretElement = /<([A-Za-z][A-Za-z0-9_.:-]{0,60})>([^<]+)<\/\1>/g;

/** Spans of a free-text body to replace: secret-named pairs, elements, detected secrets. */
export function textBodySecretSpans(text: string, detected: DetectedSecrets): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of text.matchAll(secretPair)) {
    const key = match[2] ?? "";
    const value = match[3] ?? match[4] ?? match[5] ?? "";
    if (value === "" || !isSecretName(key, value)) continue;
    const start = match.index + match[0].length - value.length - (match[5] === undefined ? 1 : 0);
    spans.push(namedSpan(key, start, start + value.length));
  }
  for (const match of text.matchAll(secretElement)) {
    const key = match[1] ?? "";
    const value = match[2] ?? "";
    if (!isSecretName(key, value)) continue;
    const start = match.index + key.length + 2;
    spans.push(namedSpan(key, start, start + value.length));
  }
  for (const hit of detected.get(text) ?? []) {
    spans.push({
      start: hit.start,
      end: hit.end,
      envName: envNameOf("body", hit.kind),
      description: `${hit.kind} in the request body`,
    });
  }
  return mergedSpans(spans);
}

function namedSpan(key: string, start: number, end: number): SecretSpan {
  return { start, end, envName: envNameOf("body", key), description: `body field ${key}` };
}

/** Overlapping spans become one (named after the first), so no secret is half replaced. */
function mergedSpans(spans: SecretSpan[]): SecretSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * The body's slots with each span in place: slots a span overlaps give way to it, since a
 * secret must be replaced whole. Returns the new slot list and which of its slots are spans.
 */
export function withSpanSlots(
  text: string,
  slots: readonly RequestSlot[],
  spans: readonly SecretSpan[],
): { slots: RequestSlot[]; spanOf: Map<number, SecretSpan> } {
  const widened = spans.map((span) => {
    let { start, end } = span;
    for (const slot of slots) {
      if (slot.area.kind === "body" && slot.start < end && start < slot.end) {
        start = Math.min(start, slot.start);
        end = Math.max(end, slot.end);
      }
    }
    return { ...span, start, end };
  });
  const bodySpans = mergedSpans(widened);
  const kept = slots.filter(
    (slot) =>
      slot.area.kind !== "body" ||
      !bodySpans.some((span) => slot.start < span.end && span.start < slot.end),
  );
  const spanOf = new Map<number, SecretSpan>();
  return {
    slots: [
      ...kept,
      ...bodySpans.map((span, index): RequestSlot => {
        spanOf.set(kept.length + index, span);
        return {
          area: { kind: "body" },
          start: span.start,
          end: span.end,
          value: text.slice(span.start, span.end),
          encoding: "none",
          place: { kind: "text-token" },
        };
      }),
    ],
    spanOf,
  };
}
