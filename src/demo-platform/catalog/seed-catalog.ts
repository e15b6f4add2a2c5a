import type { DatabaseSync } from "node:sqlite";

/** Sizes of the seeded catalogue, documented in the README's demo platform section. */
export const catalogSize = {
  shops: 60,
  members: 500,
  /** Members 1..coldStartMembersFrom-1 have history; the rest are cold-start members. */
  coldStartMembersFrom: 401,
  groceryItemsPerFeature: 60,
};

const regions = [
  { code: "gangnam", name: "Gangnam", lat: 37.4979, lng: 127.0276, traffic: 1.3 },
  { code: "mapo", name: "Mapo", lat: 37.5663, lng: 126.9019, traffic: 1.1 },
  { code: "jongno", name: "Jongno", lat: 37.5735, lng: 126.979, traffic: 1.2 },
  { code: "songpa", name: "Songpa", lat: 37.5145, lng: 127.1059, traffic: 1.0 },
];
const shopCategories = ["korean", "chicken", "pizza", "bunsik", "cafe", "japanese"];
const ageBands = ["10s", "20s", "30s", "40s", "50s", "60+"];
const groceryFeatures: Record<string, string[]> = {
  grocery: ["fruit", "vegetable", "snack"],
  food: ["home"],
};

/** Fills an empty catalogue with the same rows every time (a seeded PRNG, not Math.random). */
export function seedCatalog(db: DatabaseSync): void {
  const random = mulberry32(20_260_101);
  const seed: Seeder = {
    db,
    random,
    pick: <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T,
    jitter: (spread) => (random() - 0.5) * spread,
  };
  // The steps draw from one PRNG in this order; reordering them would change every row after.
  db.exec("BEGIN");
  seedRegions(seed);
  seedShops(seed);
  seedMembers(seed);
  seedFeedback(seed, seedGroceryItems(seed));
  db.exec("COMMIT");
}

interface Seeder {
  db: DatabaseSync;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  jitter: (spread: number) => number;
}

function seedRegions({ db }: Seeder): void {
  const insertRegion = db.prepare("INSERT INTO regions VALUES (?, ?, ?, ?, ?)");
  for (const r of regions) insertRegion.run(r.code, r.name, r.lat, r.lng, r.traffic);
}

/** Shops spread over the regions, each with six menu items (the sixth unavailable). */
function seedShops({ db, random, pick, jitter }: Seeder): void {
  const insertShop = db.prepare("INSERT INTO shops VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insertMenu = db.prepare("INSERT INTO menu_items VALUES (?, ?, ?, ?, ?)");
  let menuId = 1;
  for (let id = 1; id <= catalogSize.shops; id++) {
    const region = regions[(id - 1) % regions.length] ?? regions[0]!;
    const category = pick(shopCategories);
    const manual = id % 5 === 0;
    insertShop.run(
      id,
      `${region.name} ${category} #${id}`,
      category,
      region.code,
      region.lat + jitter(0.04),
      region.lng + jitter(0.04),
      manual ? "manual" : "auto",
      manual ? 25 + (id % 4) * 5 : null,
      8 + Math.floor(random() * 15),
      id % 17 === 0 ? 0 : 1,
    );
    for (let n = 1; n <= 6; n++) {
      const price = 3_000 + Math.floor(random() * 30) * 500;
      insertMenu.run(menuId++, id, `${category} dish ${n}`, price, n === 6 ? 0 : 1);
    }
  }
}

function seedMembers({ db, pick, jitter }: Seeder): void {
  const insertMember = db.prepare("INSERT INTO members VALUES (?, ?, ?, ?, ?, ?)");
  for (let id = 1; id <= catalogSize.members; id++) {
    const region = pick(regions);
    const lat = region.lat + jitter(0.05);
    const lng = region.lng + jitter(0.05);
    insertMember.run(id, `Member ${id}`, pick(ageBands), region.code, lat, lng);
  }
}

/** Grocery items per (service, feature); returns the ids of each feature, in order. */
function seedGroceryItems({ db, random }: Seeder): number[][] {
  const insertItem = db.prepare("INSERT INTO grocery_items VALUES (?, ?, ?, ?, ?, ?, ?)");
  let itemId = 1;
  const itemIdsByFeature: number[][] = [];
  for (const [service, features] of Object.entries(groceryFeatures)) {
    for (const feature of features) {
      const ids: number[] = [];
      for (let n = 1; n <= catalogSize.groceryItemsPerFeature; n++) {
        const status = n % 9 === 0 ? "OUT_OF_STOCK" : n % 23 === 0 ? "DISCONTINUED" : "OK";
        const price = 1_000 + Math.floor(random() * 40) * 250;
        insertItem.run(
          itemId,
          service,
          feature,
          `${feature} ${n}`,
          status,
          price,
          1 + Math.floor(random() * 1000),
        );
        ids.push(itemId++);
      }
      itemIdsByFeature.push(ids);
    }
  }
  return itemIdsByFeature;
}

/** Likes and dislikes of the members who are not cold-start ones. */
function seedFeedback({ db, random, pick }: Seeder, itemIdsByFeature: number[][]): void {
  const insertFeedback = db.prepare("INSERT OR IGNORE INTO member_feedback VALUES (?, ?, ?, ?)");
  const epoch = Date.UTC(2026, 0, 1);
  for (let member = 1; member < catalogSize.coldStartMembersFrom; member++) {
    for (const ids of itemIdsByFeature) {
      for (let n = 0; n < 10; n++) {
        const at = new Date(epoch + Math.floor(random() * 300) * 86_400_000 + member * 1000 + n);
        insertFeedback.run(
          member,
          pick(ids),
          random() < 0.6 ? "dislike" : "like",
          at.toISOString(),
        );
      }
    }
  }
}

/** A small, well-known 32-bit PRNG: deterministic seed data without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
