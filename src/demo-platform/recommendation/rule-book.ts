import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ruleSchema } from "./rule-schema.ts";
import type { Rule } from "./rule-schema.ts";

export interface RuleBookOptions {
  dir: string;
  /** The folder is checked for changes on lookup at most this often; 0 checks every time. */
  checkIntervalMs: number;
  /** Receives one `warning: …` line per rejected file. */
  log: (line: string) => void;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** Stamps `loadedAt`; the platform's clock. */
  clock?: () => Date;
}

export interface LoadedRule {
  rule: Rule;
  file: string;
  /** A digest of the file's bytes: changes exactly when the rule text does. */
  version: string;
  loadedAt: string;
}

export interface RuleFileError {
  file: string;
  message: string;
}

export interface RuleBookState {
  rules: { service: string; feature: string; file: string; version: string; loadedAt: string }[];
  errors: RuleFileError[];
}

interface FileState {
  /** mtime, size and inode of the last read, good or bad, so a bad file is reported once. */
  signature: string;
  good: LoadedRule | undefined;
  error: string | undefined;
}

/**
 * The rule schema files of one folder, validated at load and re-read when they change, so rules
 * change without a restart. A file that fails validation is reported and the last good version
 * of it stays in force.
 */
export class RuleBook {
  readonly #dir: string;
  readonly #checkIntervalMs: number;
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  readonly #clock: () => Date;
  readonly #files = new Map<string, FileState>();
  #byKey = new Map<string, LoadedRule>();
  #lastCheck = Number.NEGATIVE_INFINITY;
  /** Reported once per distinct problem, not on every check. */
  #folderError: string | undefined;

  constructor(options: RuleBookOptions) {
    this.#dir = options.dir;
    this.#checkIntervalMs = options.checkIntervalMs;
    this.#log = options.log;
    this.#now = options.now ?? (() => performance.now());
    this.#clock = options.clock ?? (() => new Date());
    let names: string[];
    try {
      names = ruleFileNames(this.#dir);
    } catch (error) {
      throw new Error(`rules directory ${this.#dir} cannot be read: ${describe(error)}`, {
        cause: error,
      });
    }
    this.#lastCheck = this.#now();
    this.#scan(names, { force: true });
  }

  find(service: string, feature: string): LoadedRule | undefined {
    if (this.#now() - this.#lastCheck >= this.#checkIntervalMs) {
      const names = this.#listFiles();
      if (names !== undefined) this.#scan(names, { force: false });
    }
    return this.#byKey.get(ruleKey(service, feature));
  }

  /** Re-reads every file, changed or not. */
  reload(): RuleBookState {
    const names = this.#listFiles();
    if (names !== undefined) this.#scan(names, { force: true });
    return this.state();
  }

  state(): RuleBookState {
    const rules = [...this.#byKey.values()].map(({ rule, file, version, loadedAt }) => ({
      service: rule.service,
      feature: rule.feature,
      file,
      version,
      loadedAt,
    }));
    const errors = [...this.#files.entries()].flatMap(([file, state]) =>
      state.error === undefined ? [] : [{ file, message: state.error }],
    );
    return { rules, errors };
  }

  /** `undefined` when the folder cannot be read: the rules in force stay. */
  #listFiles(): string[] | undefined {
    this.#lastCheck = this.#now();
    try {
      const names = ruleFileNames(this.#dir);
      this.#folderError = undefined;
      return names;
    } catch (error) {
      const message = describe(error);
      if (message !== this.#folderError) {
        this.#log(`warning: rules directory ${this.#dir}: ${message}; keeping the rules in force`);
      }
      this.#folderError = message;
      return undefined;
    }
  }

  #scan(names: string[], options: { force: boolean }): void {
    const present = new Set(names);
    let changed = false;
    for (const file of [...this.#files.keys()]) {
      if (!present.has(file)) changed = this.#files.delete(file) || changed;
    }
    for (const file of names) {
      const signature = this.#signature(file);
      if (signature === undefined) {
        changed = this.#files.delete(file) || changed;
        continue;
      }
      const previous = this.#files.get(file);
      if (!options.force && previous?.signature === signature) continue;
      this.#files.set(file, this.#read(file, signature, previous?.good));
      changed = true;
    }
    if (changed) this.#byKey = this.#index();
  }

  #signature(file: string): string | undefined {
    try {
      const stat = statSync(join(this.#dir, file));
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return undefined; // removed between listing and stat: treated as gone
    }
  }

  #read(file: string, signature: string, previousGood: LoadedRule | undefined): FileState {
    let text: string;
    try {
      text = readFileSync(join(this.#dir, file), "utf8");
    } catch (error) {
      return this.#rejected(file, signature, previousGood, describe(error));
    }
    const version = createHash("sha256").update(text).digest("hex").slice(0, 12);
    if (previousGood?.version === version)
      return { signature, good: previousGood, error: undefined };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return this.#rejected(file, signature, previousGood, `invalid JSON: ${describe(error)}`);
    }
    const parsed = ruleSchema.safeParse(data);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
        .join("; ");
      return this.#rejected(file, signature, previousGood, message);
    }
    const expectedName = `${parsed.data.service}.${parsed.data.feature}.json`;
    if (file !== expectedName) {
      return this.#rejected(file, signature, previousGood, `must be named ${expectedName}`);
    }
    const loadedAt = this.#clock().toISOString();
    return { signature, good: { rule: parsed.data, file, version, loadedAt }, error: undefined };
  }

  #rejected(
    file: string,
    signature: string,
    previousGood: LoadedRule | undefined,
    message: string,
  ): FileState {
    const outcome = previousGood ? "keeping its previous version" : "no rule loaded from it";
    this.#log(`warning: rules file ${file}: ${message}; ${outcome}`);
    return { signature, good: previousGood, error: message };
  }

  #index(): Map<string, LoadedRule> {
    const index = new Map<string, LoadedRule>();
    for (const { good } of this.#files.values()) {
      if (good) index.set(ruleKey(good.rule.service, good.rule.feature), good);
    }
    return index;
  }
}

function ruleFileNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
}

function ruleKey(service: string, feature: string): string {
  return `${service}/${feature}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
