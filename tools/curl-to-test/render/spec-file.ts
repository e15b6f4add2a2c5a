import type {
  InferredSchema,
  JsonTemplate,
  PlannedRequest,
  ValueTemplate,
} from "../plan/conversion-plan.ts";
import { camelIdentifier, pascalIdentifier } from "../model/identifier-names.ts";
import { propertyKey, stringLiteral } from "./literal.ts";
import { typeScriptTypeCode, zodSchemaCode } from "./schema-code.ts";
import { sendAsWrittenHelperLines } from "./send-as-written-code.ts";
import { UniqueNames } from "./unique-names.ts";
import { jsonCode as jsonValueCode, templateCode as templateValueCode } from "./value-code.ts";
import type { ValueSources } from "./value-code.ts";
import {
  envHelperLines,
  definedHelperLines,
  multipartBodyHelperLines,
} from "./spec-helper-code.ts";

/** What a spec needs at module level, collected while its tests are rendered. */
export class SpecFile {
  readonly declarations: string[] = [];
  usesEnv = false;
  usesDefined = false;
  usesZod = false;
  usesReadFile = false;
  usesMultipartBody = false;
  usesSendAsWritten = false;
  readonly #names = new UniqueNames();

  readonly #declared = new Map<string, string>();

  /**
   * `const name = code;` or `type name = code;`, declared once per name and code: the flows of
   * one shape repeat their endpoints' schemas, which are written once. Different endpoints keep
   * their own names even when their schemas match, so each step reads as its endpoint.
   */
  declare(code: string, candidate: string, keyword: "const" | "type"): string {
    const key = `${keyword} ${candidate} ${code}`;
    const known = this.#declared.get(key);
    if (known) return known;
    const name = this.name(candidate);
    this.#declared.set(key, name);
    this.declarations.push(`${keyword} ${name} = ${code};`, "");
    return name;
  }

  /** A module-level name, unique in the file. */
  name(candidate: string): string {
    return this.#names.take(candidate);
  }

  imports(): string[] {
    return [
      'import { expect, test } from "@playwright/test";',
      ...(this.usesMultipartBody ? ['import { randomUUID } from "node:crypto";'] : []),
      ...(this.usesReadFile ? ['import { readFile } from "node:fs/promises";'] : []),
      ...(this.usesSendAsWritten ? ['import * as undici from "undici";'] : []),
      ...(this.usesZod ? ['import { z } from "zod";'] : []),
    ];
  }

  helpers(): string[] {
    return [
      ...(this.usesEnv ? envHelperLines : []),
      ...(this.usesDefined ? definedHelperLines : []),
      ...(this.usesMultipartBody ? multipartBodyHelperLines : []),
      ...(this.usesSendAsWritten ? sendAsWrittenHelperLines : []),
    ];
  }
}

/** Specs read secrets through their `env()` helper and flow values from local constants. */
function specValues(file: SpecFile): ValueSources {
  return {
    env: (name) => {
      file.usesEnv = true;
      return `env(${stringLiteral(name)})`;
    },
    variable: (name) => name,
  };
}

export function templateCode(file: SpecFile, template: ValueTemplate): string {
  return templateValueCode(specValues(file), template);
}

export function jsonCode(file: SpecFile, template: JsonTemplate): string {
  return jsonValueCode(specValues(file), template);
}

/** The request's headers as an object literal, `extra` entries (code) after them. */
export function headersCode(
  file: SpecFile,
  request: PlannedRequest,
  extra: readonly string[] = [],
): string {
  const entries = request.headers.map(
    (header) => `${propertyKey(header.name)}: ${templateCode(file, header.value)}`,
  );
  return `{ ${[...entries, ...extra].join(", ")} }`;
}

/** A module-level zod schema; the same one for the same endpoint is declared once. */
export function declareSchema(file: SpecFile, words: string[], schema: InferredSchema): string {
  file.usesZod = true;
  return file.declare(zodSchemaCode(schema), camelIdentifier(words), "const");
}

export function declareType(file: SpecFile, words: string[], schema: InferredSchema): string {
  return file.declare(typeScriptTypeCode(schema), pascalIdentifier(words), "type");
}
