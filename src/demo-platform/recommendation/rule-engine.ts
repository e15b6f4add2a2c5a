import type { CatalogItem } from "./recommendation-catalog.ts";
import type { ResolvedRule, RuleFilter, RuleFilterType, RuleSort } from "./rule-schema.ts";

export interface RankingInput {
  rule: ResolvedRule;
  candidates: readonly CatalogItem[];
  /** The member's disliked item ids in this feature, newest first. */
  recentDislikes: readonly number[];
  /** Cold-start cohort scores; when given they rank before the rule's own sort. */
  affinity?: ReadonlyMap<number, number>;
}

export interface RankedItem {
  item: CatalogItem;
  /** The rolling filters that moved this item to the end of the page. */
  penalties: RuleFilterType[];
}

/**
 * Runs a rule: removing filters drop items, the rest are sorted and cut to the limit, then
 * rolling filters move their penalised items to the end of that page, so a rolling filter never
 * changes which or how many items are returned, only their order.
 */
export function rankItems(input: RankingInput): RankedItem[] {
  const { rule } = input;
  const penalisers = rule.filters.map((filter) => ({
    filter,
    penalises: penaliser(filter, input),
  }));
  const removing = penalisers.filter(({ filter }) => filter.mode === "remove");
  const rolling = penalisers.filter(({ filter }) => filter.mode === "roll");

  const page = input.candidates
    .filter((item) => !removing.some(({ penalises }) => penalises(item)))
    .sort(comparator(rule.sort, input.affinity))
    .slice(0, rule.limit)
    .map((item) => ({
      item,
      penalties: rolling
        .filter(({ penalises }) => penalises(item))
        .map(({ filter }) => filter.type),
    }));
  return [
    ...page.filter(({ penalties }) => penalties.length === 0),
    ...page.filter(({ penalties }) => penalties.length > 0),
  ];
}

function penaliser(filter: RuleFilter, input: RankingInput): (item: CatalogItem) => boolean {
  switch (filter.type) {
    case "recentDislikes": {
      const ids = new Set(input.recentDislikes.slice(0, filter.count));
      return (item) => ids.has(item.id);
    }
    case "status": {
      const keep = new Set<string>(filter.keep);
      return (item) => !keep.has(item.status);
    }
  }
}

/** Ties always end on the item id, so equal inputs give identical pages. */
function comparator(
  sort: RuleSort,
  affinity: ReadonlyMap<number, number> | undefined,
): (a: CatalogItem, b: CatalogItem) => number {
  const direction = sort.order === "asc" ? 1 : -1;
  return (a, b) => {
    if (affinity) {
      const byAffinity = (affinity.get(b.id) ?? 0) - (affinity.get(a.id) ?? 0);
      if (byAffinity !== 0) return byAffinity;
    }
    const x = a[sort.by];
    const y = b[sort.by];
    if (x !== y) return (x < y ? -1 : 1) * direction;
    return a.id - b.id;
  };
}
