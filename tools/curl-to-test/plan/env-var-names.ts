import type { SourceLocation } from "../model/captured-request.ts";
import type { PlannedEnvVar } from "./conversion-plan.ts";
import type { Redaction, SecretSlot } from "./plan-conversion.ts";

/** Shorter secret values are replaced where found, but not searched for elsewhere. */
export const minRepeatedSecretLength = 8;

/** Env var names per secret: one name per (kind, captured value), so different credentials never share a variable. */
export class EnvVarNames {
  readonly #prefix: string;
  readonly #byValue = new Map<string, string>();
  readonly #firstByValue = new Map<string, string>();
  readonly #countByBase = new Map<string, number>();
  readonly #entries = new Map<
    string,
    { description: string; value: string; sources: Map<string, SourceLocation> }
  >();

  constructor(service: string) {
    this.#prefix = service.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  }

  nameFor(secret: SecretSlot, value: string, source: SourceLocation): string {
    const base = `${this.#prefix}_${secret.envName.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
    const key = `${base}\u0000${value}`;
    let name = this.#byValue.get(key) ?? this.#shared(value);
    if (!name) {
      const count = (this.#countByBase.get(base) ?? 0) + 1;
      this.#countByBase.set(base, count);
      name = count === 1 ? base : `${base}_${count}`;
      this.#byValue.set(key, name);
      if (!this.#firstByValue.has(value)) this.#firstByValue.set(value, name);
      this.#entries.set(name, { description: secret.description, value, sources: new Map() });
    }
    this.noteUse(name, source);
    return name;
  }

  /** The name already standing for this value, when it is long enough to be that secret. */
  #shared(value: string): string | undefined {
    return value.length < minRepeatedSecretLength ? undefined : this.#firstByValue.get(value);
  }

  noteUse(name: string, source: SourceLocation): void {
    this.#entries.get(name)?.sources.set(`${source.file}:${source.line}:${source.column}`, source);
  }

  /** Captured value → env var, for values at least `minLength` long. */
  namesByValue(minLength: number): Map<string, string> {
    const names = new Map<string, string>();
    for (const [name, entry] of this.#entries) {
      if (entry.value.length >= minLength && !names.has(entry.value)) names.set(entry.value, name);
    }
    return names;
  }

  planned(): PlannedEnvVar[] {
    return [...this.#entries].map(([name, entry]) => ({ name, description: entry.description }));
  }

  redactions(): Redaction[] {
    return [...this.#entries].map(([envVar, entry]) => ({
      envVar,
      description: entry.description,
      sources: [...entry.sources.values()],
    }));
  }

  capturedValues(): Map<string, string> {
    return new Map([...this.#entries].map(([name, entry]) => [name, entry.value]));
  }
}
