import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { openCatalog } from "../catalog/catalog-database.ts";
import { catalogSize } from "../catalog/seed-catalog.ts";
import { ColdStartFallback } from "./cold-start.ts";
import { RecommendationCatalog } from "./recommendation-catalog.ts";

const db = openCatalog();
after(() => db.close());
const catalog = new RecommendationCatalog(db);
const coldMember = catalog.member(catalogSize.coldStartMembersFrom)!;
const fruit = { service: "grocery", feature: "fruit" };

describe("ColdStartFallback", () => {
  it("learns from members with history of the same age band and region", () => {
    const fallback = new ColdStartFallback(catalog);
    const { cohort, affinity } = fallback.answer({
      member: coldMember,
      ...fruit,
      minSimilarMembers: 3,
    });
    const expected = [...catalog.members()].filter(
      (m) =>
        catalog.hasHistory(m.id) &&
        m.ageBand === coldMember.ageBand &&
        m.region === coldMember.region,
    );
    assert.deepEqual(cohort, {
      ageBand: coldMember.ageBand,
      region: coldMember.region,
      members: expected.length,
    });
    let likesMinusDislikes = 0;
    for (const member of expected) {
      for (const entry of catalog.feedback(member.id, fruit)) {
        likesMinusDislikes += entry.kind === "like" ? 1 : -1;
      }
    }
    const total = [...affinity.values()].reduce((sum, score) => sum + score, 0);
    assert.equal(total, likesMinusDislikes);
  });

  it("widens to the region, then to everyone, when too few members are similar", () => {
    const fallback = new ColdStartFallback(catalog);
    const region = fallback.answer({ member: coldMember, ...fruit, minSimilarMembers: 40 });
    assert.equal(region.cohort.ageBand, null);
    assert.equal(region.cohort.region, coldMember.region);
    assert.ok(region.cohort.members >= 40);
    const everyone = fallback.answer({ member: coldMember, ...fruit, minSimilarMembers: 1_000 });
    assert.deepEqual(everyone.cohort, {
      ageBand: null,
      region: null,
      members: catalogSize.coldStartMembersFrom - 1,
    });
  });

  it("answers members of one cohort from one memoised computation", () => {
    const fallback = new ColdStartFallback(catalog);
    const twin = [...catalog.members()].find(
      (m) =>
        m.id !== coldMember.id &&
        !catalog.hasHistory(m.id) &&
        m.ageBand === coldMember.ageBand &&
        m.region === coldMember.region,
    );
    assert.ok(twin, "the seed has two cold-start members sharing a cohort");
    const first = fallback.answer({ member: coldMember, ...fruit, minSimilarMembers: 3 });
    const second = fallback.answer({ member: twin, ...fruit, minSimilarMembers: 3 });
    assert.equal(second, first);
  });
});
