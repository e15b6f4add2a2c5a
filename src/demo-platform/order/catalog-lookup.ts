import type { DatabaseSync, StatementSync } from "node:sqlite";

export interface CatalogShop {
  id: number;
  name: string;
  open: boolean;
}

export interface CatalogMenuItem {
  id: number;
  shopId: number;
  name: string;
  price: number;
  available: boolean;
}

interface ShopRow {
  id: number;
  name: string;
  open: number;
}

interface MenuItemRow {
  id: number;
  shop_id: number;
  name: string;
  price: number;
  available: number;
}

/** The catalogue rows an order is checked against, each found by primary key. */
export class CatalogLookup {
  readonly #member: StatementSync;
  readonly #shop: StatementSync;
  readonly #menuItem: StatementSync;
  readonly #menuOfShop: StatementSync;

  constructor(catalog: DatabaseSync) {
    this.#member = catalog.prepare("SELECT 1 AS found FROM members WHERE id = ?");
    this.#shop = catalog.prepare("SELECT id, name, open FROM shops WHERE id = ?");
    this.#menuItem = catalog.prepare(
      "SELECT id, shop_id, name, price, available FROM menu_items WHERE id = ?",
    );
    this.#menuOfShop = catalog.prepare(
      "SELECT id, shop_id, name, price, available FROM menu_items WHERE shop_id = ? ORDER BY id",
    );
  }

  memberExists(memberId: number): boolean {
    return this.#member.get(memberId) !== undefined;
  }

  shop(shopId: number): CatalogShop | undefined {
    const row = this.#shop.get(shopId) as ShopRow | undefined;
    return row && { id: row.id, name: row.name, open: row.open === 1 };
  }

  menuItem(menuItemId: number): CatalogMenuItem | undefined {
    const row = this.#menuItem.get(menuItemId) as MenuItemRow | undefined;
    return row && toMenuItem(row);
  }

  menuOf(shopId: number): CatalogMenuItem[] {
    return (this.#menuOfShop.all(shopId) as unknown as MenuItemRow[]).map(toMenuItem);
  }
}

function toMenuItem(row: MenuItemRow): CatalogMenuItem {
  return {
    id: row.id,
    shopId: row.shop_id,
    name: row.name,
    price: row.price,
    available: row.available === 1,
  };
}
