import type { CapturedRequest } from "../model/captured-request.ts";
import { camelIdentifier, nameWords } from "../model/identifier-names.ts";
import type { JsonPath } from "./conversion-plan.ts";
import type { Correlation } from "./correlate.ts";
import { endpointTemplate } from "./endpoint-template.ts";
import type { Components } from "./flow-components.ts";

export function variableKey(producer: number, path: JsonPath): string {
  return `${producer}:${JSON.stringify(path)}`;
}

/** `id` of `POST /orders` → `orderId`; other keys as they are (`token`); unique per flow. */
export function variableNames(
  prepared: readonly { request: CapturedRequest }[],
  correlations: readonly Correlation[],
  components: Components,
): Map<string, string> {
  const names = new Map<string, string>();
  const usedByFlow = new Map<number, Set<string>>();
  for (const correlation of correlations) {
    const key = variableKey(correlation.producer, correlation.path);
    if (names.has(key)) continue;
    const base = camelIdentifier(variableWords(prepared, correlation), "value");
    const root = components.find(correlation.producer);
    const used = usedByFlow.get(root) ?? new Set<string>();
    usedByFlow.set(root, used);
    let name = base;
    for (let n = 2; used.has(name); n += 1) name = `${base}${n}`;
    used.add(name);
    names.set(key, name);
  }
  return names;
}

function variableWords(
  prepared: readonly { request: CapturedRequest }[],
  correlation: Correlation,
): string[] {
  const keys = correlation.path.filter((step): step is string => typeof step === "string");
  const lastKey = keys.at(-1) ?? "value";
  const words = nameWords(lastKey);
  if (!/^(id|uuid|guid)$/i.test(lastKey)) return words;
  // A bare id is named after what holds it: its parent key, else the endpoint's resource.
  const request = prepared[correlation.producer]!.request;
  const owner =
    keys.at(-2) ??
    endpointTemplate({ method: request.method, url: request.url })
      .nameWords.slice(1)
      .filter((word) => word !== "by" && !/Id$|^id$/.test(word))
      .at(-1);
  return owner ? [...nameWords(owner).map(singularWord), ...words] : words;
}

function singularWord(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}
