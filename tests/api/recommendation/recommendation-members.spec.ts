import { expect, test } from "../support/api-fixture.ts";
import { problemSchema } from "../support/problem-schema.ts";
import { coldStartMembers, getFeedback, getRecommendations } from "./recommendation-client.ts";

const fruit = { service: "grocery", feature: "fruit" };

test.describe("recommendations per member", () => {
  test("a member with history gets a personalized answer", async ({ api }) => {
    const profile = await getFeedback(api, 5);
    expect(profile.coldStart).toBe(false);
    expect(profile.feedback.length).toBeGreaterThan(0);
    const { body } = await getRecommendations(api, { ...fruit, memberId: 5 });
    expect(body.meta.strategy).toBe("personalized");
    expect(body.meta.cohort).toBeNull();
  });

  test("a cold-start member falls back to members of the same age band and region", async ({
    api,
  }) => {
    const memberId = coldStartMembers.first + 10;
    const profile = await getFeedback(api, memberId);
    expect(profile).toMatchObject({ coldStart: true, feedback: [] });
    const { body } = await getRecommendations(api, { ...fruit, memberId });
    expect(body.meta.strategy).toBe("similar-members");
    expect(body.meta.cohort).toMatchObject({ ageBand: profile.ageBand, region: profile.region });
    expect(body.meta.cohort!.members).toBeGreaterThanOrEqual(3);
    expect(body.items).toHaveLength(20);
    expect(body.items.every((item) => item.status === "OK")).toBe(true);
  });

  test("cold-start members of one cohort get the same list", async ({ api }) => {
    const seen = new Map<string, number>();
    let pair: [number, number] | undefined;
    for (let id = coldStartMembers.first; id <= coldStartMembers.last && !pair; id++) {
      const { ageBand, region } = await getFeedback(api, id);
      const cohort = `${ageBand}/${region}`;
      const earlier = seen.get(cohort);
      if (earlier === undefined) seen.set(cohort, id);
      else pair = [earlier, id];
    }
    expect(pair, "two cold-start members share a cohort").toBeDefined();
    const [first, second] = await Promise.all(
      pair!.map((memberId) => getRecommendations(api, { ...fruit, memberId })),
    );
    expect(second!.body.items.map((item) => item.id)).toEqual(
      first!.body.items.map((item) => item.id),
    );
  });

  test("a member's A/B bucket is stable across calls and features of one service", async ({
    api,
  }) => {
    const buckets = new Set<string>();
    for (let memberId = 1; memberId <= 12; memberId++) {
      const calls = await Promise.all([
        getRecommendations(api, { ...fruit, memberId }),
        getRecommendations(api, { ...fruit, memberId }),
        getRecommendations(api, { service: "grocery", feature: "snack", memberId }),
      ]);
      const seen = calls.flatMap(({ body, bucketHeader }) => [body.meta.bucket, bucketHeader]);
      expect(new Set(seen), `member ${memberId}`).toEqual(new Set([calls[0].body.meta.bucket]));
      buckets.add(calls[0].body.meta.bucket);
    }
    expect(buckets, "members 1–12 span both buckets").toEqual(new Set(["A", "B"]));
  });

  test("buckets are per service: a member may be A for one and B for another", async ({ api }) => {
    let differs = false;
    for (let memberId = 1; memberId <= 30 && !differs; memberId++) {
      const grocery = await getRecommendations(api, { ...fruit, memberId });
      const food = await getRecommendations(api, { service: "food", feature: "home", memberId });
      differs = grocery.body.meta.bucket !== food.body.meta.bucket;
    }
    expect(differs).toBe(true);
  });

  test("rejects a missing or malformed member id, naming the field", async ({ api }) => {
    const cases: Record<string, string>[] = [
      {},
      { memberId: "abc" },
      { memberId: "0" },
      { memberId: "-3" },
    ];
    for (const params of cases) {
      const response = await api.get("/v1/recommendations/grocery/fruit", { params });
      expect(response.status(), JSON.stringify(params)).toBe(400);
      const problem = problemSchema.parse(await response.json());
      expect(problem.errors?.map((error) => error.field)).toEqual(["memberId"]);
    }
  });

  test("answers 404 for an unknown member", async ({ api }) => {
    const response = await api.get("/v1/recommendations/grocery/fruit", {
      params: { memberId: 90_000 },
    });
    expect(response.status()).toBe(404);
    expect(problemSchema.parse(await response.json())).toMatchObject({
      title: "Member not found",
      detail: "No member 90000",
    });
  });

  test("lists a member's feedback newest first, filtered by feature and kind", async ({ api }) => {
    const all = await getFeedback(api, 8);
    const dislikes = await getFeedback(api, 8, { ...fruit, kind: "dislike" });
    expect(dislikes.feedback.length).toBeGreaterThan(0);
    expect(dislikes.feedback.every((e) => e.kind === "dislike" && e.feature === "fruit")).toBe(
      true,
    );
    const times = all.feedback.map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.feedback.length).toBeGreaterThan(dislikes.feedback.length);
  });

  test("answers 401 without a token or with a wrong one", async ({ api }) => {
    const path = "/v1/recommendations/grocery/fruit?memberId=1";
    const none = await api.get(path, { token: null });
    expect(none.status()).toBe(401);
    expect(none.headers()["www-authenticate"]).toContain("Bearer");
    const wrong = await api.get(path, { token: "wrong-token" });
    expect(wrong.status()).toBe(401);
    expect(problemSchema.parse(await wrong.json()).detail).toBe("Bearer token not accepted");
    const reload = await api.post("/v1/recommendations/_reload", { token: null });
    expect(reload.status()).toBe(401);
  });
});
