import { SharedArray } from "k6/data";

/**
 * The data the calls draw from, loaded once and shared read-only by every VU (SharedArray), so
 * memory per VU stays small. The files match the demo platform's seeded catalogue; against other
 * targets, replace them with ids that exist there.
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

export const shops = new SharedArray<Shop>(
  "shops",
  () => JSON.parse(open("../data/shops.json")) as Shop[],
);
export const members = new SharedArray<Member>(
  "members",
  () => JSON.parse(open("../data/members.json")) as Member[],
);
export const recommendationSlots = new SharedArray<RecommendationSlot>(
  "recommendation slots",
  () => JSON.parse(open("../data/recommendation-slots.json")) as RecommendationSlot[],
);

export function pick<T>(items: { length: number; [index: number]: T }): T {
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
