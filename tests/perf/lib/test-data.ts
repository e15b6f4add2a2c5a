import membersFile from "../data/members.json" with { type: "json" };
import recommendationSlotsFile from "../data/recommendation-slots.json" with { type: "json" };
import shopsFile from "../data/shops.json" with { type: "json" };

/**
 * The data the calls draw from, bundled into the processor and so loaded once per worker. The
 * files match the demo platform's seeded catalogue; against other targets, replace them with
 * ids that exist there.
 */
export interface Shop {
  shopId: number;
  lat: number;
  lng: number;
  /** Menu items that can be ordered. */
  menuItemIds: number[];
}

export interface Member {
  memberId: number;
  /** The member's delivery address. */
  lat: number;
  lng: number;
}

export interface RecommendationSlot {
  service: string;
  feature: string;
}

export const shops: readonly Shop[] = shopsFile;
export const members: readonly Member[] = membersFile;
export const recommendationSlots: readonly RecommendationSlot[] = recommendationSlotsFile;

export function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("cannot pick from an empty list");
  return item;
}

/** `count` consecutive shops from a random start, wrapping: a shop list page. */
export function shopPage(count: number): Shop[] {
  const start = Math.floor(Math.random() * shops.length);
  return Array.from({ length: Math.min(count, shops.length) }, (_, offset) => {
    return shops[(start + offset) % shops.length] as Shop;
  });
}
