/**
 * The share of each call in delivery traffic, per iteration. Recommendations and list ETAs
 * dominate (tens of millions of calls a day against ~3 million orders); precise ETAs come with
 * shop detail pages and orders; order writes are the smallest share but the costliest.
 */
export const deliveryTrafficMix = [
  { endpoint: "eta-approximate", weight: 32 },
  { endpoint: "recommendation", weight: 30 },
  { endpoint: "eta-precise", weight: 16 },
  { endpoint: "order-list", weight: 8 },
  { endpoint: "order-get", weight: 7 },
  { endpoint: "order-create", weight: 6 },
  { endpoint: "order-cancel", weight: 1 },
] as const;

export type Endpoint = (typeof deliveryTrafficMix)[number]["endpoint"];

/** One entry, with probability proportional to its weight. */
export function pickWeighted<T extends { weight: number }>(
  entries: readonly T[],
  random: () => number = Math.random,
): T {
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  let remaining = random() * total;
  for (const entry of entries) {
    remaining -= entry.weight;
    if (remaining < 0) return entry;
  }
  const last = entries[entries.length - 1];
  if (last === undefined) throw new Error("cannot pick from an empty mix");
  return last;
}
