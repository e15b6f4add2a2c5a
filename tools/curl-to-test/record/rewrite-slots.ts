/**
 * A captured request with some slot values replaced, everything else byte for byte: how a
 * replay sends a fresh idempotency key, or the id its own create returned, where the capture
 * sent the captured ones.
 */
import type { CapturedRequest } from "../model/captured-request.ts";
import type { RequestSlot } from "../plan/request-slots.ts";
import { relativeUrl } from "../plan/request-slots.ts";

export interface SlotReplacement {
  slot: RequestSlot;
  value: string | number;
}

export function rewriteSlots(
  request: CapturedRequest,
  replacements: readonly SlotReplacement[],
): CapturedRequest {
  if (replacements.length === 0) return request;
  const url = relativeUrl(request.url);
  const origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(request.url)?.[0] ?? "";
  const inArea = (kind: RequestSlot["area"]["kind"], index?: number) =>
    replacements.filter(
      ({ slot }) =>
        slot.area.kind === kind &&
        (index === undefined || ("index" in slot.area && slot.area.index === index)),
    );
  const body = request.body;
  return {
    ...request,
    url: `${origin}${rewritten(url, inArea("url"))}`,
    headers: request.headers.map((header, index) => ({
      ...header,
      value: rewritten(header.value, inArea("header", index)),
    })),
    body:
      body.kind === "text"
        ? { ...body, text: rewritten(body.text, inArea("body")) }
        : body.kind === "multipart"
          ? {
              ...body,
              parts: body.parts.map((part, index) =>
                part.value === undefined
                  ? part
                  : { ...part, value: rewritten(part.value, inArea("multipart", index)) },
              ),
            }
          : body,
  };
}

/** The text with each replaced slot's raw text swapped for the new value, encoded alike. */
function rewritten(text: string, replacements: readonly SlotReplacement[]): string {
  let result = text;
  // From the end, so earlier offsets stay valid.
  for (const { slot, value } of [...replacements].sort((a, b) => b.slot.start - a.slot.start)) {
    result = result.slice(0, slot.start) + encoded(value, slot) + result.slice(slot.end);
  }
  return result;
}

function encoded(value: string | number, slot: RequestSlot): string {
  switch (slot.encoding) {
    case "none":
      return String(value);
    case "uri-component":
      return encodeURIComponent(String(value));
    case "json-string":
      return JSON.stringify(String(value));
  }
}
