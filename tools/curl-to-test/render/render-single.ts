import type { PlannedExchange } from "../plan/conversion-plan.ts";
import { stringLiteral } from "./literal.ts";
import type { SpecFile } from "./spec-file.ts";
import { freshValueLines, descriptionLines, todoLines } from "./spec-lines.ts";
import { exchangeNames, sendAndCheck, testFixtures } from "./send-and-check.ts";

export function renderSingle(file: SpecFile, title: string, exchange: PlannedExchange): string {
  const names = exchangeNames(file, exchange);
  return [
    `test(${stringLiteral(title)}, async (${testFixtures([exchange.request])}) => {`,
    ...freshValueLines([exchange]),
    ...descriptionLines(exchange),
    ...todoLines(exchange.todos),
    ...sendAndCheck(file, exchange, names, {}),
    "});",
  ].join("\n");
}
