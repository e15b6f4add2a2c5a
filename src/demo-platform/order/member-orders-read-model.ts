import { DatabaseSync } from "node:sqlite";
import type { StatementSync } from "node:sqlite";
import type { OrderStatus, StoredOrder } from "./order-model.ts";

/** One row of a member's order history: enough for a list, the details come from the shard. */
export interface MemberOrderSummary {
  orderId: number;
  shard: number;
  shopId: number;
  status: OrderStatus;
  itemCount: number;
  total: number;
  placedAtMs: number;
}

export interface PagePosition {
  placedAtMs: number;
  orderId: number;
}

export interface MemberOrdersPageRequest {
  memberId: number;
  limit: number;
  /** Start strictly after this position; omitted means the newest order. */
  after?: PagePosition;
}

export interface MemberOrdersPage {
  orders: MemberOrderSummary[];
  /** Where the next page starts; undefined when this page is the last. */
  next: PagePosition | undefined;
}

interface SummaryRow {
  order_id: number;
  shard: number;
  shop_id: number;
  status: OrderStatus;
  item_count: number;
  total: number;
  placed_at: number;
}

/**
 * The query side (CQRS): every shard's orders, projected into one table keyed for "a member's
 * orders, newest first", so listing never fans out over the shards.
 */
export class MemberOrdersReadModel {
  readonly #db: DatabaseSync;
  readonly #upsert: StatementSync;
  readonly #firstPage: StatementSync;
  readonly #pageAfter: StatementSync;
  readonly #purge: StatementSync;

  constructor() {
    this.#db = new DatabaseSync(":memory:");
    this.#db.exec(`
      CREATE TABLE member_orders (
        order_id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL,
        shard INTEGER NOT NULL,
        shop_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        item_count INTEGER NOT NULL,
        total INTEGER NOT NULL,
        placed_at INTEGER NOT NULL
      );
      CREATE INDEX member_orders_newest_first
        ON member_orders (member_id, placed_at DESC, order_id DESC);
      CREATE INDEX member_orders_by_placed_at ON member_orders (placed_at);
    `);
    this.#upsert = this.#db.prepare(
      `INSERT INTO member_orders
         (order_id, member_id, shard, shop_id, status, item_count, total, placed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id) DO UPDATE SET status = excluded.status`,
    );
    const columns = "order_id, shard, shop_id, status, item_count, total, placed_at";
    const order = "ORDER BY placed_at DESC, order_id DESC LIMIT ?";
    this.#firstPage = this.#db.prepare(
      `SELECT ${columns} FROM member_orders WHERE member_id = ? ${order}`,
    );
    this.#pageAfter = this.#db.prepare(
      `SELECT ${columns} FROM member_orders
       WHERE member_id = ? AND (placed_at, order_id) < (?, ?) ${order}`,
    );
    this.#purge = this.#db.prepare("DELETE FROM member_orders WHERE placed_at < ?");
  }

  /** Projects an order as it now stands in its shard (placed or changed). */
  record(order: StoredOrder): void {
    const itemCount = order.lines.reduce((sum, line) => sum + line.quantity, 0);
    this.#upsert.run(
      order.id,
      order.memberId,
      order.shard,
      order.shopId,
      order.status,
      itemCount,
      order.total,
      order.placedAtMs,
    );
  }

  page(request: MemberOrdersPageRequest): MemberOrdersPage {
    // One row more than asked tells whether another page exists without a count.
    const rows = (request.after
      ? this.#pageAfter.all(
          request.memberId,
          request.after.placedAtMs,
          request.after.orderId,
          request.limit + 1,
        )
      : this.#firstPage.all(request.memberId, request.limit + 1)) as unknown as SummaryRow[];
    const orders = rows.slice(0, request.limit).map(toSummary);
    const last = orders.at(-1);
    return {
      orders,
      next:
        rows.length > request.limit && last
          ? { placedAtMs: last.placedAtMs, orderId: last.orderId }
          : undefined,
    };
  }

  purgePlacedBefore(cutoffMs: number): void {
    this.#purge.run(cutoffMs);
  }

  /** How SQLite runs the page query; lets a test prove it walks the index, not the table. */
  explainPageQuery(): string {
    const plan = this.#db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT order_id FROM member_orders
         WHERE member_id = 1 AND (placed_at, order_id) < (1, 1)
         ORDER BY placed_at DESC, order_id DESC LIMIT 10`,
      )
      .all() as { detail: string }[];
    return plan.map((row) => row.detail).join("\n");
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

function toSummary(row: SummaryRow): MemberOrderSummary {
  return {
    orderId: row.order_id,
    shard: row.shard,
    shopId: row.shop_id,
    status: row.status,
    itemCount: row.item_count,
    total: row.total,
    placedAtMs: row.placed_at,
  };
}
