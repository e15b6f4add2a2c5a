import type { WarningNote } from "../model/conversion-warning.ts";
import type { PlannedExchange } from "../plan/conversion-plan.ts";
import { commentText, stringLiteral } from "./literal.ts";
import { UniqueNames } from "./unique-names.ts";

/** Names the generated module declares, exports or imports; no hook or value shadows one. */
const moduleNames = [
  "anySuccess",
  "arrive",
  "baseUrl",
  "capturedBaseUrl",
  "capturedLoadTest",
  "capturedTraffic",
  "countOutcome",
  "depart",
  "flowValue",
  "freshIdempotencyKey",
  "multipartBody",
  "fileBytes",
  "fileText",
  "secret",
  "secrets",
  "target",
  "Buffer",
  "JSON",
  "String",
  "encodeURIComponent",
];

/** What the module needs beside its hooks, collected while they are rendered. */
export class ScenarioModule {
  readonly names = new UniqueNames(moduleNames);
  readonly declarations: string[] = [];
  readonly helpers = new Set<string>();
  readonly warnings: WarningNote[] = [];
  /** Flow values the steps rendered so far export: what a later step may send. */
  readonly #exported = new Set<string>();
  #exchange: PlannedExchange | undefined;

  /** The step being rendered, so that an unknown flow value names it. */
  renderingStep(exchange: PlannedExchange): void {
    this.#exchange = exchange;
  }

  exportValues(exchange: PlannedExchange): void {
    for (const entry of exchange.exports) this.#exported.add(entry.variable);
  }

  /** A flow value in the virtual user's variables; refused before a step exports it. */
  flowValue(name: string): string {
    if (!this.#exported.has(name)) {
      throw new Error(
        `the plan's step "${this.#exchange?.title ?? ""}" sends the flow value ${name}, which no earlier step exports`,
      );
    }
    return `context.vars[${stringLiteral(name)}]`;
  }

  /** Per-run values (idempotency keys, request ids) the step makes up for each virtual user. */
  freshValueLines(exchange: PlannedExchange): string[] {
    const names = exchange.freshValues ?? [];
    if (names.length === 0) return [];
    for (const name of names) this.#exported.add(name);
    return [
      "// Made up afresh for each virtual user: the server must not see a captured one twice.",
      ...names.map((name) => `${this.flowValue(name)} = ${this.use("freshIdempotencyKey")}();`),
    ];
  }

  /** A module-level constant. */
  declare(candidate: string, code: string): string {
    const name = this.names.take(candidate);
    this.declarations.push(`const ${name} = ${code};`);
    return name;
  }

  use(helper: string): string {
    this.helpers.add(helper);
    return helper;
  }

  /** A TODO comment for the text, and the same line as a warning. */
  todo(exchange: PlannedExchange, note: WarningNote): string {
    this.warnings.push({ ...note, message: `${exchange.title}: ${note.message}` });
    return `// TODO(qaops): ${commentText(note.message)}`;
  }
}
