import type { MemberProfile, RecommendationCatalog } from "./recommendation-catalog.ts";

/** Who the fallback learned from; `null` means that trait was not required to match. */
export interface Cohort {
  ageBand: string | null;
  region: string | null;
  members: number;
}

export interface ColdStartAnswer {
  cohort: Cohort;
  /** Item id → likes minus dislikes across the cohort. */
  affinity: ReadonlyMap<number, number>;
}

export interface ColdStartRequest {
  member: MemberProfile;
  service: string;
  feature: string;
  minSimilarMembers: number;
}

/** Narrowest first; the last level always answers, however small. */
const cohortLevels: readonly ((m: MemberProfile) => Omit<Cohort, "members">)[] = [
  (m) => ({ ageBand: m.ageBand, region: m.region }),
  (m) => ({ ageBand: null, region: m.region }),
  () => ({ ageBand: null, region: null }),
];

/**
 * Members without history get what members like them liked: same age band and region, widened
 * to the region and then to everyone when too few such members have history. Answers are
 * memoised per cohort and feature, because cold-start traffic concentrates on few cohorts.
 */
export class ColdStartFallback {
  readonly #catalog: RecommendationCatalog;
  readonly #memo = new Map<string, ColdStartAnswer>();

  constructor(catalog: RecommendationCatalog) {
    this.#catalog = catalog;
  }

  answer(request: ColdStartRequest): ColdStartAnswer {
    const { member, service, feature, minSimilarMembers } = request;
    const key = `${service}/${feature}|${member.ageBand}|${member.region}|${minSimilarMembers}`;
    let answer = this.#memo.get(key);
    if (!answer) {
      answer = this.#compute(request);
      this.#memo.set(key, answer);
    }
    return answer;
  }

  #compute({ member, service, feature, minSimilarMembers }: ColdStartRequest): ColdStartAnswer {
    let wanted: Omit<Cohort, "members"> = { ageBand: null, region: null };
    let similar: MemberProfile[] = [];
    for (const level of cohortLevels) {
      wanted = level(member);
      similar = this.#membersWithHistory(wanted);
      if (similar.length >= minSimilarMembers) break;
    }
    const affinity = new Map<number, number>();
    for (const other of similar) {
      for (const entry of this.#catalog.feedback(other.id, { service, feature })) {
        const delta = entry.kind === "like" ? 1 : -1;
        affinity.set(entry.itemId, (affinity.get(entry.itemId) ?? 0) + delta);
      }
    }
    return { cohort: { ...wanted, members: similar.length }, affinity };
  }

  #membersWithHistory(wanted: Omit<Cohort, "members">): MemberProfile[] {
    return [...this.#catalog.members()].filter(
      (other) =>
        this.#catalog.hasHistory(other.id) &&
        (wanted.ageBand === null || other.ageBand === wanted.ageBand) &&
        (wanted.region === null || other.region === wanted.region),
    );
  }
}
