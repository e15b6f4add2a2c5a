import type { Correlation } from "./correlate.ts";

/** Union-find over requests: a correlation joins producer and consumer into one flow. */
export class Components {
  readonly #parent: number[];
  readonly #size: number[];
  constructor(count: number) {
    this.#parent = Array.from({ length: count }, (_, index) => index);
    this.#size = Array.from({ length: count }, () => 1);
  }
  find(index: number): number {
    let root = index;
    while (this.#parent[root] !== root) root = this.#parent[root]!;
    return root;
  }
  join(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    this.#parent[rootB] = rootA;
    this.#size[rootA]! += this.#size[rootB]!;
  }
  size(root: number): number {
    return this.#size[root]!;
  }
}

export function flowComponents(
  count: number,
  correlations: readonly Correlation[],
  links: readonly (readonly [number, number])[],
): Components {
  const components = new Components(count);
  for (const correlation of correlations)
    components.join(correlation.producer, correlation.consumer);
  for (const [a, b] of links) components.join(a, b);
  return components;
}
