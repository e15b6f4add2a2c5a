/**
 * Invariants of a response's lists: the order its items come in, its length against a count
 * field, a length that never changed, and the values it held on every run. Order and length
 * can hold by chance on one short list, so each kind asks for enough evidence first.
 */
import type { InferredSchema, PlannedInvariant } from "./conversion-plan.ts";
import { jsonPathText } from "./json-path-text.ts";
import { objectLists, scalarFields, valueAt } from "./sample-paths.ts";

type Invariant = PlannedInvariant extends infer T
  ? T extends unknown
    ? Omit<T, "evidence">
    : never
  : never;

/** An order is inferred only when some sample's list had this many items. */
const minSortedItems = 3;
/** Lengths and values that never changed need the capture and at least two replays. */
const minRepeatSamples = 3;
/** Lists longer than this are not asserted item by item. */
const maxSequenceItems = 30;
const maxSortedFields = 2;
const maxSequenceFields = 2;
const isoTime = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const countName = /count|size|length|total/i;
const idName = /^(id|uuid|guid)$|(Id|ID|_id)$/;
const timeOrSecret = /token|secret|password|session|signature|At$|_at$|time|date/i;

export function listInvariants(schema: InferredSchema, samples: readonly unknown[]): Invariant[] {
  const found: Invariant[] = [];
  const counts = scalarFields(schema, []).filter((field) => field.schema.type === "number");
  for (const list of objectLists(schema)) {
    const lists = samples.map((sample) => {
      const items = valueAt(sample, list.path);
      return Array.isArray(items) ? (items as unknown[]) : [];
    });
    const fields = scalarFields(list.items, []).filter((field) => field.path.length === 1);
    const columns = new Map(
      fields.map((field) => [
        field.path[0]!,
        lists.map((items) => items.map((item) => valueAt(item, field.path))),
      ]),
    );
    const name = jsonPathText(list.path);
    found.push(...sortedBy(list.path, name, lists, columns));
    for (const count of counts) {
      const matches = samples.every(
        (sample, index) => valueAt(sample, count.path) === lists[index]!.length,
      );
      if (
        matches &&
        countName.test(count.path.at(-1)!) &&
        lists.some((items) => items.length > 1)
      ) {
        found.push({
          kind: "count-of",
          items: list.path,
          count: count.path,
          description: `${name} has ${jsonPathText(count.path)} items`,
        });
      }
    }
    if (samples.length < minRepeatSamples) continue;
    const length = lists[0]!.length;
    if (length > 0 && lists.every((items) => items.length === length)) {
      found.push({
        kind: "fixed-length",
        items: list.path,
        length,
        description: `${name} has ${length} item${length === 1 ? "" : "s"}`,
      });
      if (length <= maxSequenceItems) found.push(...sequences(list.path, name, columns));
    }
  }
  return found;
}

/** Fields every sample's list is ordered by, ascending or descending, not constant. */
function sortedBy(
  items: string[],
  name: string,
  lists: readonly unknown[][],
  columns: ReadonlyMap<string, unknown[][]>,
): Invariant[] {
  if (!lists.some((list) => list.length >= minSortedItems)) return [];
  const found: Invariant[] = [];
  for (const [field, perSample] of columns) {
    if (found.length >= maxSortedFields) break;
    // Numbers and times: a status or a name in order is more often chance than a contract.
    const sortable = perSample.every((values) =>
      values.every((value) => typeof value === "number" || isoTime.test(String(value))),
    );
    const spread = perSample.some((values) => new Set(values).size >= minSortedItems);
    if (!sortable || !spread) continue;
    for (const order of ["asc", "desc"] as const) {
      const ordered = perSample.every((values) => isOrdered(values, order));
      const varies = perSample.some((values) => new Set(values).size > 1);
      if (ordered && varies) {
        found.push({
          kind: "sorted-by",
          items,
          field,
          order,
          description: `${name} sorted by ${field}, ${order === "asc" ? "ascending" : "descending"}`,
        });
        break;
      }
    }
  }
  return found;
}

function isOrdered(values: readonly unknown[], order: "asc" | "desc"): boolean {
  for (let index = 1; index < values.length; index += 1) {
    const [before, after] = [values[index - 1], values[index]];
    if (typeof before !== typeof after || typeof before === "boolean") return false;
    // Numbers and strings (ISO times sort as text) compare alike with < and >.
    const [a, b] = [before as number, after as number];
    const inOrder = order === "asc" ? a <= b : a >= b;
    if (!inOrder) return false;
  }
  return true;
}

/** Item fields whose values, in order, were the same on every sample: ids first, then numbers. */
function sequences(
  items: string[],
  name: string,
  columns: ReadonlyMap<string, unknown[][]>,
): Invariant[] {
  const rank = (field: string, values: unknown[]) =>
    idName.test(field) ? 0 : typeof values[0] === "number" ? 1 : 2;
  return [...columns]
    .filter(([field, perSample]) => {
      if (timeOrSecret.test(field)) return false;
      const first = JSON.stringify(perSample[0]);
      return perSample.every((values) => JSON.stringify(values) === first);
    })
    .sort(([a, av], [b, bv]) => rank(a, av[0]!) - rank(b, bv[0]!))
    .slice(0, maxSequenceFields)
    .map(([field, perSample]) => ({
      kind: "sequence" as const,
      items,
      field,
      values: perSample[0] as (string | number | boolean)[],
      description: `${name}[].${field} in this order`,
    }));
}
