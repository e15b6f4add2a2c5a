import { nameWords } from "../model/identifier-names.ts";
import type { PlannedTest } from "./conversion-plan.ts";

/** Titles unique within a spec: Playwright refuses two tests of one file with the same title. */
export function uniqueTitles(tests: PlannedTest[]): PlannedTest[] {
  const seen = new UniqueTitles();
  for (const test of tests) {
    if (test.kind === "table") {
      for (const row of test.cases) row.title = seen.take(row.title);
    } else {
      test.title = seen.take(test.title);
    }
  }
  return tests;
}

class UniqueTitles {
  #seen = new Set<string>();
  take(title: string): string {
    let unique = title;
    for (let n = 2; this.#seen.has(unique); n += 1) unique = `${title} #${n}`;
    this.#seen.add(unique);
    return unique;
  }
}

/** Spec file names, unique within one conversion. */
export class SpecFileNames {
  #seen = new Set<string>();
  take(words: readonly string[]): string {
    const base = words.flatMap((word) => nameWords(word)).join("-") || "request";
    let name = `${base}.spec.ts`;
    for (let n = 2; this.#seen.has(name); n += 1) name = `${base}-${n}.spec.ts`;
    this.#seen.add(name);
    return name;
  }
}
