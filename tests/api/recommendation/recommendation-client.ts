import type { ApiClient } from "../support/api-fixture.ts";
import { memberFeedbackSchema, recommendationsSchema } from "./schemas.ts";
import type { MemberFeedback, Recommendations } from "./schemas.ts";

export type { RecommendedItem } from "./schemas.ts";

/** Typed calls the recommendation specs share; each asserts the status before parsing. */
export async function getRecommendations(
  api: ApiClient,
  query: { service: string; feature: string; memberId: number },
): Promise<{ body: Recommendations; bucketHeader: string | undefined }> {
  const { service, feature, memberId } = query;
  const response = await api.get(`/v1/recommendations/${service}/${feature}`, {
    params: { memberId },
  });
  if (response.status() !== 200) {
    throw new Error(`${service}/${feature} for member ${memberId}: ${response.status()}`);
  }
  return {
    body: recommendationsSchema.parse(await response.json()),
    bucketHeader: response.headers()["x-ab-bucket"],
  };
}

export async function getFeedback(
  api: ApiClient,
  memberId: number,
  filter: { service?: string; feature?: string; kind?: "like" | "dislike" } = {},
): Promise<MemberFeedback> {
  const response = await api.get(`/v1/members/${memberId}/feedback`, { params: filter });
  if (response.status() !== 200)
    throw new Error(`feedback of member ${memberId}: ${response.status()}`);
  return memberFeedbackSchema.parse(await response.json());
}

/** The member's N most recently disliked item ids in one feature, newest first. */
export async function recentDislikes(
  api: ApiClient,
  query: { service: string; feature: string; memberId: number; count: number },
): Promise<number[]> {
  const { feedback } = await getFeedback(api, query.memberId, {
    service: query.service,
    feature: query.feature,
    kind: "dislike",
  });
  return feedback.slice(0, query.count).map((entry) => entry.itemId);
}

/** Seeded members 1–400 have history; from 401 on they are cold-start members. */
export const coldStartMembers = { first: 401, last: 500 } as const;
