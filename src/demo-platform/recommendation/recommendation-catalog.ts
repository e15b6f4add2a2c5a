import type { DatabaseSync } from "node:sqlite";
import type { ItemStatus } from "./rule-schema.ts";

export interface CatalogItem {
  id: number;
  name: string;
  status: ItemStatus;
  price: number;
  popularity: number;
}

export interface MemberProfile {
  id: number;
  ageBand: string;
  region: string;
}

export interface FeedbackEntry {
  itemId: number;
  service: string;
  feature: string;
  kind: "like" | "dislike";
  at: string;
}

/**
 * What the recommender reads, loaded from the catalogue once at start and indexed per feature
 * and per member, so a request does no SQL: items, member profiles and feedback (newest first).
 */
export class RecommendationCatalog {
  readonly #items = new Map<string, CatalogItem[]>();
  readonly #members = new Map<number, MemberProfile>();
  /** member → `service/feature` → entries, newest first. */
  readonly #feedback = new Map<number, Map<string, FeedbackEntry[]>>();

  constructor(db: DatabaseSync) {
    const items = db
      .prepare(
        "SELECT id, service, feature, name, status, price, popularity FROM grocery_items ORDER BY id",
      )
      .all() as unknown as (CatalogItem & { service: string; feature: string })[];
    for (const { service, feature, ...item } of items) {
      pushTo(this.#items, featureKey(service, feature), item);
    }

    const members = db
      .prepare("SELECT id, age_band AS ageBand, region FROM members ORDER BY id")
      .all() as unknown as MemberProfile[];
    for (const member of members) this.#members.set(member.id, { ...member });

    const feedback = db
      .prepare(
        `SELECT f.member_id AS memberId, f.item_id AS itemId, i.service, i.feature, f.kind, f.at
         FROM member_feedback f JOIN grocery_items i ON i.id = f.item_id
         ORDER BY f.member_id, f.at DESC, f.item_id`,
      )
      .all() as unknown as (FeedbackEntry & { memberId: number })[];
    for (const { memberId, ...entry } of feedback) {
      let byFeature = this.#feedback.get(memberId);
      if (!byFeature)
        this.#feedback.set(memberId, (byFeature = new Map<string, FeedbackEntry[]>()));
      pushTo(byFeature, featureKey(entry.service, entry.feature), entry);
    }
  }

  items(service: string, feature: string): readonly CatalogItem[] {
    return this.#items.get(featureKey(service, feature)) ?? [];
  }

  member(memberId: number): MemberProfile | undefined {
    return this.#members.get(memberId);
  }

  members(): Iterable<MemberProfile> {
    return this.#members.values();
  }

  /** Cold-start members have no feedback at all. */
  hasHistory(memberId: number): boolean {
    return this.#feedback.has(memberId);
  }

  /** Newest first; every feature when none is named. */
  feedback(memberId: number, feature?: { service: string; feature: string }): FeedbackEntry[] {
    const byFeature = this.#feedback.get(memberId);
    if (!byFeature) return [];
    if (feature) return [...(byFeature.get(featureKey(feature.service, feature.feature)) ?? [])];
    return [...byFeature.values()].flat().sort((a, b) => compareNewestFirst(a, b));
  }
}

function compareNewestFirst(a: FeedbackEntry, b: FeedbackEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.itemId - b.itemId;
}

function featureKey(service: string, feature: string): string {
  return `${service}/${feature}`;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
