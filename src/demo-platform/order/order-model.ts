/** The order service's records as its stores hold them; the JSON the routes answer is built apart. */

export type OrderStatus = "PLACED" | "CANCELLED";

export interface OrderLine {
  menuItemId: number;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

/** What placing an order needs once the request is validated and priced; the store adds the rest. */
export interface OrderDraft {
  memberId: number;
  shopId: number;
  lines: OrderLine[];
  subtotal: number;
  deliveryFee: number;
  total: number;
  deliveryAddress: string | null;
  note: string | null;
}

export interface StoredOrder extends OrderDraft {
  id: number;
  shard: number;
  status: OrderStatus;
  placedAtMs: number;
  cancelledAtMs: number | null;
  cancellationReason: string | null;
}

export type OrderEventType = "ORDER_PLACED" | "ORDER_CANCELLED";

/** PENDING: not yet sent; FAILED: the last send failed and the relay will retry; PUBLISHED: sent. */
export type PublishStatus = "PENDING" | "PUBLISHED" | "FAILED";

export interface NewOutboxEvent {
  eventId: string;
  orderId: number;
  memberId: number;
  type: OrderEventType;
  payload: Record<string, unknown>;
  occurredAtMs: number;
}

export interface OutboxEvent extends NewOutboxEvent {
  /** Position in its shard's outbox; the relay sends in this order. */
  seq: number;
  shard: number;
  status: PublishStatus;
  attempts: number;
  nextAttemptAtMs: number;
  publishedAtMs: number | null;
  lastError: string | null;
}
