import type { WarningNote } from "../model/conversion-warning.ts";
import type { PlannedExchange } from "../plan/conversion-plan.ts";
import { commentText } from "./literal.ts";

/** Values made up for this run only: the server must never see the captured ones again. */
export function freshValueLines(exchanges: readonly PlannedExchange[]): string[] {
  const names = exchanges.flatMap((exchange) => exchange.freshValues ?? []);
  if (names.length === 0) return [];
  return [
    "// Made up afresh on every run: the server must not see a captured one twice.",
    ...names.map((name) => `const ${name} = crypto.randomUUID();`),
  ];
}

export function descriptionLines(exchange: PlannedExchange): string[] {
  return exchange.description === undefined ? [] : [`// ${commentText(exchange.description)}`];
}

export function todoLines(todos: readonly WarningNote[]): string[] {
  return todos.map((todo) => `// TODO(qaops): ${commentText(todo.message)}`);
}
