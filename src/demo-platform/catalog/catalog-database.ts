import { DatabaseSync } from "node:sqlite";
import { seedCatalog } from "./seed-catalog.ts";

/**
 * The reference data every service reads: regions, shops and their menus, members, grocery items
 * and members' likes and dislikes. In memory unless a path is given; seeded deterministically so
 * every run of the demo platform answers the same.
 */
export function openCatalog(path = ":memory:"): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    CREATE TABLE IF NOT EXISTS regions (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lng REAL NOT NULL,
      traffic_factor REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS shops (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL,
      region TEXT NOT NULL REFERENCES regions(code), lat REAL NOT NULL, lng REAL NOT NULL,
      eta_mode TEXT NOT NULL CHECK (eta_mode IN ('auto', 'manual')),
      manual_minutes INTEGER, prep_minutes INTEGER NOT NULL, open INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS menu_items (
      id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL REFERENCES shops(id), name TEXT NOT NULL,
      price INTEGER NOT NULL, available INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS menu_items_by_shop ON menu_items (shop_id);
    CREATE TABLE IF NOT EXISTS members (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, age_band TEXT NOT NULL,
      region TEXT NOT NULL REFERENCES regions(code), lat REAL NOT NULL, lng REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS grocery_items (
      id INTEGER PRIMARY KEY, service TEXT NOT NULL, feature TEXT NOT NULL, name TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('OK', 'OUT_OF_STOCK', 'DISCONTINUED')),
      price INTEGER NOT NULL, popularity INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS member_feedback (
      member_id INTEGER NOT NULL REFERENCES members(id),
      item_id INTEGER NOT NULL REFERENCES grocery_items(id),
      kind TEXT NOT NULL CHECK (kind IN ('like', 'dislike')), at TEXT NOT NULL,
      PRIMARY KEY (member_id, item_id)
    );
  `);
  const { count } = db.prepare("SELECT count(*) AS count FROM shops").get() as { count: number };
  if (count === 0) seedCatalog(db);
  return db;
}
