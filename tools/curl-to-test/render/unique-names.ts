/** Identifiers unique within a scope: a taken name gets the first free number after it. */
export class UniqueNames {
  readonly #taken: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.#taken = new Set(taken);
  }

  take(candidate: string): string {
    let name = candidate;
    for (let n = 2; this.#taken.has(name); n += 1) name = `${candidate}${n}`;
    this.#taken.add(name);
    return name;
  }

  all(): string[] {
    return [...this.#taken];
  }
}
