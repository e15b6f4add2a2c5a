import type { PlannedExchange, PlannedTest } from "../plan/conversion-plan.ts";

/** Every exchange a test sends, in order: its one request, its table cases or its flow steps. */
export function testExchanges(test: PlannedTest): PlannedExchange[] {
  return test.kind === "single" ? [test.exchange] : test.kind === "table" ? test.cases : test.steps;
}

/** `captures/orders.sh:3,7 captures/login.har:1`: where the exchanges came from, five lines a file at most. */
export function sourcesText(exchanges: readonly PlannedExchange[]): string {
  const files = new Map<string, Set<number>>();
  for (const source of exchanges.flatMap((exchange) => exchange.sources)) {
    const lines = files.get(source.file) ?? new Set<number>();
    lines.add(source.line);
    files.set(source.file, lines);
  }
  return [...files]
    .map(([file, lines]) => {
      const shown = [...lines].slice(0, 5);
      return `${file}:${shown.join(",")}${lines.size > shown.length ? ",…" : ""}`;
    })
    .join(" ");
}
