import type { AbBucket } from "./rule-schema.ts";

/**
 * A member's bucket for one service: a hash, not a stored assignment, so it is stable across
 * requests, processes and restarts, and a member may be in A for one service and B for another.
 */
export function abBucket(service: string, memberId: number): AbBucket {
  return fnv1a32(`${service}:${memberId}`) % 100 < 50 ? "A" : "B";
}

/** FNV-1a, 32-bit: a tiny, well-spread string hash. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
