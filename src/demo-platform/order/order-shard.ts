import { DatabaseSync } from "node:sqlite";
import type { StatementSync } from "node:sqlite";
import type {
  NewOutboxEvent,
  OrderLine,
  OrderStatus,
  OutboxEvent,
  PublishStatus,
  StoredOrder,
} from "./order-model.ts";
import { inTransaction } from "./sqlite-transaction.ts";

const schema = `
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL,
    shop_id INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PLACED', 'CANCELLED')),
    subtotal INTEGER NOT NULL,
    delivery_fee INTEGER NOT NULL,
    total INTEGER NOT NULL,
    delivery_address TEXT,
    note TEXT,
    placed_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    cancellation_reason TEXT
  );
  CREATE INDEX orders_by_placed_at ON orders (placed_at);
  CREATE TABLE order_lines (
    order_id INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    menu_item_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit_price INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no)
  ) WITHOUT ROWID;
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    order_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED', 'FAILED')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    published_at INTEGER,
    last_error TEXT
  );
  CREATE INDEX outbox_by_order ON outbox (order_id, seq);
  CREATE INDEX outbox_due ON outbox (next_attempt_at, seq) WHERE status IN ('PENDING', 'FAILED');
`;

interface OrderRow {
  id: number;
  member_id: number;
  shop_id: number;
  status: OrderStatus;
  subtotal: number;
  delivery_fee: number;
  total: number;
  delivery_address: string | null;
  note: string | null;
  placed_at: number;
  cancelled_at: number | null;
  cancellation_reason: string | null;
}

interface LineRow {
  menu_item_id: number;
  name: string;
  unit_price: number;
  quantity: number;
}

interface OutboxRow {
  seq: number;
  event_id: string;
  order_id: number;
  member_id: number;
  type: OutboxEvent["type"];
  payload: string;
  occurred_at: number;
  status: PublishStatus;
  attempts: number;
  next_attempt_at: number;
  published_at: number | null;
  last_error: string | null;
}

export interface Cancellation {
  orderId: number;
  atMs: number;
  reason: string;
  event: NewOutboxEvent;
}

export type OutboxCounts = Record<PublishStatus, number>;

/**
 * One shard: its own database holding its orders, their lines and its transactional outbox. An
 * order's row and the event announcing it are written in one transaction, so an event is never
 * lost for a written order and never sent for an unwritten one.
 */
export class OrderShard {
  readonly index: number;
  readonly #db: DatabaseSync;
  readonly #insertOrder: StatementSync;
  readonly #insertLine: StatementSync;
  readonly #insertEvent: StatementSync;
  readonly #selectOrder: StatementSync;
  readonly #selectLines: StatementSync;
  readonly #cancelOrder: StatementSync;
  readonly #selectEventsOfOrder: StatementSync;
  readonly #selectDueEvents: StatementSync;
  readonly #markPublished: StatementSync;
  readonly #markFailed: StatementSync;
  readonly #countUnpublished: StatementSync;
  readonly #countAll: StatementSync;
  readonly #purgeLines: StatementSync;
  readonly #purgeEvents: StatementSync;
  readonly #purgeOrders: StatementSync;

  constructor(index: number) {
    this.index = index;
    this.#db = new DatabaseSync(":memory:");
    this.#db.exec(schema);
    const db = this.#db;
    this.#insertOrder = db.prepare(
      `INSERT INTO orders (id, member_id, shop_id, status, subtotal, delivery_fee, total,
         delivery_address, note, placed_at, cancelled_at, cancellation_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertLine = db.prepare(
      `INSERT INTO order_lines (order_id, line_no, menu_item_id, name, unit_price, quantity)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.#insertEvent = db.prepare(
      `INSERT INTO outbox (event_id, order_id, member_id, type, payload, occurred_at, status,
         next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)`,
    );
    this.#selectOrder = db.prepare("SELECT * FROM orders WHERE id = ?");
    this.#selectLines = db.prepare(
      `SELECT menu_item_id, name, unit_price, quantity FROM order_lines
       WHERE order_id = ? ORDER BY line_no`,
    );
    this.#cancelOrder = db.prepare(
      `UPDATE orders SET status = 'CANCELLED', cancelled_at = ?, cancellation_reason = ?
       WHERE id = ? AND status = 'PLACED'`,
    );
    this.#selectEventsOfOrder = db.prepare("SELECT * FROM outbox WHERE order_id = ? ORDER BY seq");
    this.#selectDueEvents = db.prepare(
      `SELECT * FROM outbox WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?
       ORDER BY next_attempt_at, seq LIMIT ?`,
    );
    this.#markPublished = db.prepare(
      `UPDATE outbox SET status = 'PUBLISHED', attempts = attempts + 1, published_at = ?,
         last_error = NULL
       WHERE seq = ?`,
    );
    this.#markFailed = db.prepare(
      `UPDATE outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ?,
         next_attempt_at = ?
       WHERE seq = ?`,
    );
    this.#countUnpublished = db.prepare(
      `SELECT status, count(*) AS n FROM outbox WHERE status IN ('PENDING', 'FAILED')
       GROUP BY status`,
    );
    this.#countAll = db.prepare("SELECT count(*) AS n FROM outbox");
    this.#purgeLines = db.prepare(
      "DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE placed_at < ?)",
    );
    this.#purgeEvents = db.prepare(
      "DELETE FROM outbox WHERE order_id IN (SELECT id FROM orders WHERE placed_at < ?)",
    );
    this.#purgeOrders = db.prepare("DELETE FROM orders WHERE placed_at < ?");
  }

  /** Writes a new order, its lines and its ORDER_PLACED event together. */
  insertPlaced(order: StoredOrder, event: NewOutboxEvent): void {
    inTransaction(this.#db, () => {
      this.#insertOrder.run(
        order.id,
        order.memberId,
        order.shopId,
        order.status,
        order.subtotal,
        order.deliveryFee,
        order.total,
        order.deliveryAddress,
        order.note,
        order.placedAtMs,
        order.cancelledAtMs,
        order.cancellationReason,
      );
      for (const [lineNo, line] of order.lines.entries()) {
        this.#insertLine.run(
          order.id,
          lineNo,
          line.menuItemId,
          line.name,
          line.unitPrice,
          line.quantity,
        );
      }
      this.#appendEvent(event);
    });
  }

  find(orderId: number): StoredOrder | undefined {
    const row = this.#selectOrder.get(orderId) as OrderRow | undefined;
    if (!row) return undefined;
    const lines = (this.#selectLines.all(orderId) as unknown as LineRow[]).map(toLine);
    return toOrder(row, lines, this.index);
  }

  /** Cancels a PLACED order and records ORDER_CANCELLED together; false if it was not PLACED. */
  markCancelled(cancellation: Cancellation): boolean {
    return inTransaction(this.#db, () => {
      const { changes } = this.#cancelOrder.run(
        cancellation.atMs,
        cancellation.reason,
        cancellation.orderId,
      );
      if (Number(changes) === 0) return false;
      this.#appendEvent(cancellation.event);
      return true;
    });
  }

  eventsOf(orderId: number): OutboxEvent[] {
    return (this.#selectEventsOfOrder.all(orderId) as unknown as OutboxRow[]).map((row) =>
      toEvent(row, this.index),
    );
  }

  /** Unsent events whose (re)try is due, oldest first. */
  dueEvents(nowMs: number, limit: number): OutboxEvent[] {
    return (this.#selectDueEvents.all(nowMs, limit) as unknown as OutboxRow[]).map((row) =>
      toEvent(row, this.index),
    );
  }

  markPublished(seq: number, atMs: number): void {
    this.#markPublished.run(atMs, seq);
  }

  markFailed(seq: number, failure: { error: string; retryAtMs: number }): void {
    this.#markFailed.run(failure.error, failure.retryAtMs, seq);
  }

  outboxCounts(): OutboxCounts {
    const counts: OutboxCounts = { PENDING: 0, FAILED: 0, PUBLISHED: 0 };
    for (const row of this.#countUnpublished.all() as unknown as {
      status: PublishStatus;
      n: number;
    }[]) {
      counts[row.status] = row.n;
    }
    const { n } = this.#countAll.get() as { n: number };
    counts.PUBLISHED = n - counts.PENDING - counts.FAILED;
    return counts;
  }

  /** Drops orders placed before the cutoff, with their lines and events; returns how many. */
  purgePlacedBefore(cutoffMs: number): number {
    return inTransaction(this.#db, () => {
      this.#purgeLines.run(cutoffMs);
      this.#purgeEvents.run(cutoffMs);
      return Number(this.#purgeOrders.run(cutoffMs).changes);
    });
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #appendEvent(event: NewOutboxEvent): void {
    this.#insertEvent.run(
      event.eventId,
      event.orderId,
      event.memberId,
      event.type,
      JSON.stringify(event.payload),
      event.occurredAtMs,
      event.occurredAtMs,
    );
  }
}

function toLine(row: LineRow): OrderLine {
  return {
    menuItemId: row.menu_item_id,
    name: row.name,
    unitPrice: row.unit_price,
    quantity: row.quantity,
    lineTotal: row.unit_price * row.quantity,
  };
}

function toOrder(row: OrderRow, lines: OrderLine[], shard: number): StoredOrder {
  return {
    id: row.id,
    shard,
    memberId: row.member_id,
    shopId: row.shop_id,
    status: row.status,
    lines,
    subtotal: row.subtotal,
    deliveryFee: row.delivery_fee,
    total: row.total,
    deliveryAddress: row.delivery_address,
    note: row.note,
    placedAtMs: row.placed_at,
    cancelledAtMs: row.cancelled_at,
    cancellationReason: row.cancellation_reason,
  };
}

function toEvent(row: OutboxRow, shard: number): OutboxEvent {
  return {
    seq: row.seq,
    shard,
    eventId: row.event_id,
    orderId: row.order_id,
    memberId: row.member_id,
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    occurredAtMs: row.occurred_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAtMs: row.next_attempt_at,
    publishedAtMs: row.published_at,
    lastError: row.last_error,
  };
}
