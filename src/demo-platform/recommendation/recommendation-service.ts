import type { DatabaseSync } from "node:sqlite";
import { invalidRequest, json, problem } from "../http/reply.ts";
import type { Reply } from "../http/reply.ts";
import { parseQuery, parseWith, queryValues } from "../http/request-validation.ts";
import type { RequestContext, Service } from "../http/route.ts";
import { abBucket } from "./ab-bucket.ts";
import { ColdStartFallback } from "./cold-start.ts";
import { RecommendationCatalog } from "./recommendation-catalog.ts";
import type { MemberProfile } from "./recommendation-catalog.ts";
import { feedbackRequestSchema, recommendationQuerySchema } from "./recommendation-requests.ts";
import { RuleBook } from "./rule-book.ts";
import { rankItems } from "./rule-engine.ts";
import { resolveForBucket } from "./rule-schema.ts";
import type { ResolvedRule } from "./rule-schema.ts";

export interface RecommendationServiceDependencies {
  catalog: DatabaseSync;
  clock: () => Date;
  /** A folder of rule schema files, re-read when they change. */
  rulesDir: string;
  /** How often a request may check the rules folder for changes; default 1000 ms. */
  rulesCheckIntervalMs?: number;
  /** Where rejected rule files are reported; default stderr. */
  log?: (line: string) => void;
}

/**
 * Rule-driven recommendations: a rule schema per service and feature decides filters, order and
 * size; members without history fall back to similar members; each member has a stable A/B
 * bucket per service that may select a variant of the rule.
 */
export function createRecommendationService(deps: RecommendationServiceDependencies): Service {
  const catalog = new RecommendationCatalog(deps.catalog);
  const parts: RecommenderParts = {
    catalog,
    coldStart: new ColdStartFallback(catalog),
    rules: new RuleBook({
      dir: deps.rulesDir,
      checkIntervalMs: deps.rulesCheckIntervalMs ?? 1_000,
      log: deps.log ?? ((line) => console.warn(line)),
      clock: deps.clock,
    }),
  };
  return {
    name: "recommendation",
    routes: [
      {
        method: "GET",
        path: "/v1/recommendations/:service/:feature",
        handle: (ctx) => recommend(parts, ctx),
      },
      {
        method: "GET",
        path: "/v1/recommendations/_rules",
        handle: () => json(200, parts.rules.state()),
      },
      {
        method: "POST",
        path: "/v1/recommendations/_reload",
        handle: () => json(200, parts.rules.reload()),
      },
      {
        method: "GET",
        path: "/v1/members/:memberId/feedback",
        handle: (ctx) => memberFeedback(parts, ctx),
      },
    ],
  };
}

/** What the handlers share: the catalogue, the cold-start fallback and the rule book. */
interface RecommenderParts {
  catalog: RecommendationCatalog;
  coldStart: ColdStartFallback;
  rules: RuleBook;
}

function recommend(parts: RecommenderParts, { params, url }: RequestContext): Reply {
  const { catalog, rules } = parts;
  const query = parseQuery(recommendationQuerySchema, url, ["memberId"]);
  if (!query.ok) return invalidRequest(query.errors);
  const service = params.service ?? "";
  const feature = params.feature ?? "";
  const loaded = rules.find(service, feature);
  if (!loaded) {
    return problem(404, "No recommendation rules", {
      detail: `No rule schema for service "${service}" and feature "${feature}"`,
    });
  }
  const { memberId } = query.value;
  const member = catalog.member(memberId);
  if (!member) return problem(404, "Member not found", { detail: `No member ${memberId}` });

  const bucket = abBucket(service, memberId);
  const rule = resolveForBucket(loaded.rule, bucket);
  const { strategy, cohort, ranked } = rankForMember(parts, member, rule);

  const items = ranked.map(({ item, penalties }, index) => ({
    rank: index + 1,
    ...item,
    penalties,
  }));
  return json(
    200,
    {
      service,
      feature,
      memberId,
      items,
      meta: {
        count: items.length,
        strategy,
        cohort,
        bucket,
        ruleVersion: loaded.version,
        sort: rule.sort,
        limit: rule.limit,
      },
    },
    { "x-ab-bucket": bucket, "x-rule-version": loaded.version },
  );
}

/** Members with history get their own filters applied; the rest borrow a similar cohort's taste. */
function rankForMember(
  { catalog, coldStart }: RecommenderParts,
  member: MemberProfile,
  rule: ResolvedRule,
) {
  const { service, feature } = rule;
  const candidates = catalog.items(service, feature);
  if (catalog.hasHistory(member.id)) {
    const recentDislikes = catalog
      .feedback(member.id, { service, feature })
      .filter((entry) => entry.kind === "dislike")
      .map((entry) => entry.itemId);
    return {
      strategy: "personalized" as const,
      cohort: null,
      ranked: rankItems({ rule, candidates, recentDislikes }),
    };
  }
  const fallback = coldStart.answer({
    member,
    service,
    feature,
    minSimilarMembers: rule.coldStart.minSimilarMembers,
  });
  return {
    strategy: "similar-members" as const,
    cohort: fallback.cohort,
    ranked: rankItems({ rule, candidates, recentDislikes: [], affinity: fallback.affinity }),
  };
}

function memberFeedback({ catalog }: RecommenderParts, { params, url }: RequestContext): Reply {
  const request = parseWith(
    feedbackRequestSchema,
    {
      ...queryValues(url, ["service", "feature", "kind"]),
      memberId: params.memberId,
    },
    "query",
  );
  if (!request.ok) return invalidRequest(request.errors);
  const { memberId, service, feature, kind } = request.value;
  const member = catalog.member(memberId);
  if (!member) return problem(404, "Member not found", { detail: `No member ${memberId}` });
  const feedback = catalog
    .feedback(memberId)
    .filter(
      (entry) =>
        (service === undefined || entry.service === service) &&
        (feature === undefined || entry.feature === feature) &&
        (kind === undefined || entry.kind === kind),
    );
  return json(200, {
    memberId,
    ageBand: member.ageBand,
    region: member.region,
    coldStart: !catalog.hasHistory(memberId),
    feedback,
  });
}
