import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import type { StatementSync } from "node:sqlite";

/** A response kept to be replayed byte for byte when its key comes back. */
export interface RecordedResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type IdempotencyLookup =
  | { kind: "first-use" }
  | { kind: "replay"; response: RecordedResponse }
  | { kind: "key-reused-with-other-request" };

interface KeyRow {
  fingerprint: string;
  status: number;
  body: string;
  headers: string;
  recorded_at: number;
}

const keyShape = /^[\x21-\x7e]{1,255}$/;

/** An `Idempotency-Key` value: 1 to 255 visible ASCII characters. */
export function isValidIdempotencyKey(key: string): boolean {
  return keyShape.test(key);
}

/** The same request gives the same fingerprint whatever the order of its JSON object keys. */
export function requestFingerprint(request: unknown): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Keys seen on order creation, with the fingerprint of their request and the response given. */
export class IdempotencyStore {
  readonly #db: DatabaseSync;
  readonly #select: StatementSync;
  readonly #upsert: StatementSync;
  readonly #purge: StatementSync;
  readonly #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
    this.#db = new DatabaseSync(":memory:");
    this.#db.exec(`
      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        headers TEXT NOT NULL,
        recorded_at INTEGER NOT NULL
      );
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (recorded_at);
    `);
    this.#select = this.#db.prepare(
      "SELECT fingerprint, status, body, headers, recorded_at FROM idempotency_keys WHERE key = ?",
    );
    this.#upsert = this.#db.prepare(
      `INSERT INTO idempotency_keys (key, fingerprint, status, body, headers, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint,
         status = excluded.status, body = excluded.body, headers = excluded.headers,
         recorded_at = excluded.recorded_at`,
    );
    this.#purge = this.#db.prepare("DELETE FROM idempotency_keys WHERE recorded_at < ?");
  }

  lookup(key: string, fingerprint: string, nowMs: number): IdempotencyLookup {
    const row = this.#select.get(key) as KeyRow | undefined;
    if (!row || row.recorded_at < nowMs - this.#ttlMs) return { kind: "first-use" };
    if (row.fingerprint !== fingerprint) return { kind: "key-reused-with-other-request" };
    return {
      kind: "replay",
      response: {
        status: row.status,
        body: JSON.parse(row.body) as unknown,
        headers: JSON.parse(row.headers) as Record<string, string>,
      },
    };
  }

  record(key: string, fingerprint: string, response: RecordedResponse, nowMs: number): void {
    this.#upsert.run(
      key,
      fingerprint,
      response.status,
      JSON.stringify(response.body),
      JSON.stringify(response.headers),
      nowMs,
    );
  }

  purgeExpired(nowMs: number): void {
    this.#purge.run(nowMs - this.#ttlMs);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
