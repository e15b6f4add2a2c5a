/**
 * Where a page of a member's orders ended. Keyset, not offset: the next page starts strictly
 * after this (placedAt, orderId) pair, so orders placed meanwhile never shift or repeat a page.
 */
export interface OrderCursor {
  memberId: number;
  placedAtMs: number;
  orderId: number;
}

const version = "o1";
const decodedShape = /^o1\.(\d{1,16})\.(\d{1,16})\.(\d{1,16})$/;
const base64url = /^[A-Za-z0-9_-]{1,120}$/;

/** Opaque to clients: base64url text they hand back unchanged. */
export function encodeOrderCursor(cursor: OrderCursor): string {
  const plain = `${version}.${cursor.memberId}.${cursor.placedAtMs}.${cursor.orderId}`;
  return Buffer.from(plain, "utf8").toString("base64url");
}

/** Undefined for anything this module did not write, including a non-canonical re-encoding. */
export function decodeOrderCursor(text: string): OrderCursor | undefined {
  if (!base64url.test(text)) return undefined;
  const match = decodedShape.exec(Buffer.from(text, "base64url").toString("utf8"));
  if (!match) return undefined;
  const [memberId, placedAtMs, orderId] = [match[1], match[2], match[3]].map(Number) as [
    number,
    number,
    number,
  ];
  if (![memberId, placedAtMs, orderId].every(Number.isSafeInteger)) return undefined;
  const cursor = { memberId, placedAtMs, orderId };
  return encodeOrderCursor(cursor) === text ? cursor : undefined;
}
