/**
 * Rules a response obeys, inferred from every sample of one step (the capture and its
 * replays), without a model: arithmetic between its numbers (line total = unit price ×
 * quantity, subtotal = Σ line totals, total = subtotal + fee), bounds (min ≤ max), what every
 * item of a list shares (status OK), how a list is ordered, how long it is, and the values it
 * holds when every run saw the same. A rule is kept only when it held on every sample, so a
 * replay that breaks one drops it; kinds that say little on one sample wait for more.
 */
import type { InferredSchema, PlannedInvariant, PlannedRule } from "./conversion-plan.ts";
import { jsonPathText } from "./json-path-text.ts";
import { listInvariants } from "./list-invariants.ts";
import { numbersAt, objectLists, scalarFields, valueAt } from "./sample-paths.ts";

export interface InferredInvariants {
  rules: PlannedRule[];
  invariants: PlannedInvariant[];
}

/** Terms that may be zero on every sample and still belong in a sum. */
const additiveName = /fee|tax|discount|tip|charge|shipping|surcharge|vat|deposit|delivery/i;
const boundPairs: [RegExp, string][] = [
  [/^min(?=[A-Z_])/, "max"],
  [/^lower(?=[A-Z_])/, "upper"],
  [/^from(?=[A-Z_])/, "to"],
  [/^start(?=[A-Z_])/, "end"],
];
/** A number that may be a sum over a list says so by its name (never `shard`, `rank`). */
const aggregateName = /total|sum|amount|count|quantity|price|cost|weight|size|minutes/i;
/** Same-per-item needs at least this many items seen, over all samples. */
const minSharedItems = 3;
const secretLike = /token|secret|password|passwd|session|key|jwt|signature/i;

export function inferInvariants(input: {
  schema: InferredSchema;
  samples: readonly unknown[];
  /** `the capture and 2 replays`: how many samples, in words. */
  evidence: string;
}): InferredInvariants {
  const { schema, samples } = input;
  if (samples.length === 0) return { rules: [], invariants: [] };
  const held = `held on ${input.evidence}`;
  const sums = rootSums(schema, samples);
  // A total already the sum of root fields is not also read as a sum over a list.
  const summed = new Set(sums.map((rule) => ("target" in rule ? JSON.stringify(rule.target) : "")));
  const rules: PlannedRule[] = [
    ...sums,
    ...listArithmetic(schema, samples).filter(
      (rule) => rule.kind !== "sum-of-products" || !summed.has(JSON.stringify(rule.target)),
    ),
  ].map((rule) => ({ ...rule, evidence: held }));
  return {
    rules,
    invariants: listInvariants(schema, samples).map((rule) => ({ ...rule, evidence: held })),
  };
}

/** `total = subtotal + deliveryFee`: a root number the sum of two others on every sample. */
function rootSums(schema: InferredSchema, samples: readonly unknown[]): PlannedRule[] {
  const numbers = scalarFields(schema, []).filter((field) => field.schema.type === "number");
  const found: PlannedRule[] = [];
  for (const target of numbers) {
    for (const [index, a] of numbers.entries()) {
      for (const b of numbers.slice(index + 1)) {
        if (a === target || b === target) continue;
        const values = samples.map((sample) => numbersAt(sample, [target.path, a.path, b.path]));
        const holds = values.every((v) => v !== null && v[0] === v[1] + v[2]);
        const meaningful = values.some((v) => v !== null && v[1] !== 0 && v[2] !== 0);
        // With a term zero on every sample the target equals the other term: only a total
        // (never a subtotal) is taken to be the sum, and only of a term named like a charge.
        const totalName =
          /total|amount|sum/i.test(target.path.at(-1)!) && !/^sub/i.test(target.path.at(-1)!);
        const zeroTermNamed =
          totalName &&
          [a, b].some(
            (term) =>
              additiveName.test(term.path.at(-1)!) &&
              values.every((v) => v !== null && v[term === a ? 1 : 2] === 0),
          );
        if (holds && (meaningful || zeroTermNamed)) {
          found.push({
            kind: "sum",
            target: target.path,
            terms: [a.path, b.path],
            description: `${jsonPathText(target.path)} = ${jsonPathText(a.path)} + ${jsonPathText(b.path)}`,
            exact: integral(values),
          });
        }
      }
    }
  }
  return found;
}

/** A list of objects in the response, and its items' schema. */
type ObjectList = ReturnType<typeof objectLists>[number];

/** Per item: a product of two fields, a bound pair; over a list: a root number its sum. */
function listArithmetic(schema: InferredSchema, samples: readonly unknown[]): PlannedRule[] {
  const found: PlannedRule[] = [];
  const rootNumbers = scalarFields(schema, []).filter((field) => field.schema.type === "number");
  for (const list of objectLists(schema)) {
    const itemsOf = (sample: unknown): unknown[] => {
      const items = valueAt(sample, list.path);
      return Array.isArray(items) ? items : [];
    };
    const all = samples.flatMap(itemsOf);
    const numbers = scalarFields(list.items, [])
      .filter((field) => field.schema.type === "number")
      .map((field) => field.path[0]!);
    for (const target of numbers) {
      found.push(
        ...productRules(list, all, numbers, target),
        ...boundRules(list, all, numbers, target),
      );
    }
    const longer = samples.some((sample) => itemsOf(sample).length >= 2);
    if (longer) found.push(...sumRules(list, samples, itemsOf, numbers, rootNumbers));
    found.push(...sharedItemValues(list, all));
  }
  return found;
}

/** `total = quantity × price` on every item. */
function productRules(
  list: ObjectList,
  all: readonly unknown[],
  numbers: readonly string[],
  target: string,
): PlannedRule[] {
  const found: PlannedRule[] = [];
  for (const [index, a] of numbers.entries()) {
    for (const b of numbers.slice(index + 1)) {
      if (a === target || b === target) continue;
      const values = all.map((item) => numbersAt(item, [[target], [a], [b]]));
      const holds = values.every((v) => v !== null && v[0] === v[1] * v[2]);
      const meaningful = values.some(
        (v) => v !== null && ![0, 1].includes(v[1]) && ![0, 1].includes(v[2]),
      );
      if (holds && meaningful) {
        found.push({
          kind: "product-per-item",
          items: list.path,
          target,
          factors: [a, b],
          description: `each ${jsonPathText(list.path)} item: ${target} = ${a} × ${b}`,
          exact: integral(values),
        });
      }
    }
  }
  return found;
}

/** `max ≥ min` on every item, for a bound pair of fields. */
function boundRules(
  list: ObjectList,
  all: readonly unknown[],
  numbers: readonly string[],
  target: string,
): PlannedRule[] {
  const [pattern, upper] = boundPairs.find(([bound]) => bound.test(target)) ?? [];
  const ceiling = pattern && numbers.find((key) => key === target.replace(pattern, upper!));
  if (
    !ceiling ||
    !all
      .map((item) => numbersAt(item, [[target], [ceiling]]))
      .every((v) => v !== null && v[0] <= v[1])
  ) {
    return [];
  }
  return [
    {
      kind: "at-least-per-item",
      items: list.path,
      target: ceiling,
      floor: target,
      description: `each ${jsonPathText(list.path)} item: ${ceiling} ≥ ${target}`,
      exact: true,
    },
  ];
}

/** A root total that is the sum of one field over the list's items, in every sample. */
function sumRules(
  list: ObjectList,
  samples: readonly unknown[],
  itemsOf: (sample: unknown) => unknown[],
  numbers: readonly string[],
  rootNumbers: ReturnType<typeof scalarFields>,
): PlannedRule[] {
  const found: PlannedRule[] = [];
  for (const field of numbers) {
    for (const target of rootNumbers.filter((root) => aggregateName.test(root.path.at(-1)!))) {
      const holds = samples.every((sample) => {
        const total = numbersAt(sample, [target.path])?.[0];
        const parts = itemsOf(sample).map((item) => numbersAt(item, [[field]])?.[0]);
        const known = parts.filter((part): part is number => part !== undefined);
        return (
          total !== undefined &&
          known.length === parts.length &&
          total === known.reduce((sum, part) => sum + part, 0)
        );
      });
      if (holds) {
        found.push({
          kind: "sum-of-products",
          target: target.path,
          items: list.path,
          factors: [field],
          description: `${jsonPathText(target.path)} = Σ ${jsonPathText(list.path)}[].${field}`,
          exact: true,
        });
      }
    }
  }
  return found;
}

/** `status` is `OK` on every item of every sample. */
function sharedItemValues(
  list: { path: string[]; items: InferredSchema },
  all: readonly unknown[],
): PlannedRule[] {
  if (all.length < minSharedItems) return [];
  return scalarFields(list.items, [])
    .filter((field) => field.path.length === 1 && field.schema.type !== "number")
    .flatMap((field) => {
      const key = field.path[0]!;
      if (secretLike.test(key)) return [];
      const first = valueAt(all[0], [key]);
      if (typeof first !== "string" && typeof first !== "boolean") return [];
      if (all.some((item) => valueAt(item, [key]) !== first)) return [];
      return [
        {
          kind: "same-per-item" as const,
          items: list.path,
          field: key,
          value: first,
          description: `every ${jsonPathText(list.path)} item has ${key} ${JSON.stringify(first)}`,
          exact: true,
        },
      ];
    });
}

/** Integers compare exactly; decimals to six places, as the renderer's toBeCloseTo does. */
function integral(values: readonly (readonly number[] | null)[]): boolean {
  return values.every((row) => row?.every(Number.isInteger) ?? true);
}
