/**
 * One golden case: a capture fixture converted the way `qaops convert` converts it, as the
 * files it would write (specs, `.env.example`) plus `conversion.txt`, which records what the
 * converter said on stderr (warnings, failures, skips, redactions by name).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { convertCaptures } from "../convert-captures.ts";
import { mergeEnvExample } from "../render/env-example.ts";
import { repositoryRoot } from "../testing/repository-tools.ts";

const goldenDirectory = fileURLToPath(new URL(".", import.meta.url));
const fixturesDirectory = join(goldenDirectory, "fixtures");
export const expectedDirectory = join(goldenDirectory, "expected");

const captureExtensions = new Set([".sh", ".har", ".cmd", ".ps1"]);

/** Case names: fixture file names without their extension, sorted. */
export function goldenCaseFixtures(): { name: string; path: string }[] {
  return readdirSync(fixturesDirectory)
    .filter((file) => captureExtensions.has(extname(file)))
    .sort()
    .map((file) => ({ name: basename(file, extname(file)), path: join(fixturesDirectory, file) }));
}

/** File name → text, as the case's expected folder should hold them. */
export async function renderGoldenCase(fixturePath: string): Promise<Map<string, string>> {
  const name = basename(fixturePath, extname(fixturePath));
  const result = await convertCaptures({
    inputs: [
      { name: relative(repositoryRoot, fixturePath), text: readFileSync(fixturePath, "utf8") },
    ],
    service: name,
    // Files a capture uploads are looked up beside the fixtures, so "missing file" warnings
    // do not depend on where the test runs.
    filesDirectory: fixturesDirectory,
  });
  const files = new Map<string, string>();
  for (const spec of result.specs) files.set(spec.fileName, spec.text);
  if (result.plan.envVars.length > 0) {
    files.set(".env.example", mergeEnvExample(null, result.plan.envVars));
  }
  const location = (source: { file: string; line: number } | undefined) =>
    source === undefined ? "" : `${source.file}:${source.line}: `;
  const report = [
    ...result.warnings.map((warning) => `warning: ${location(warning.location)}${warning.message}`),
    ...result.failures.map((failure) => `error: ${location(failure.source)}${failure.message}`),
    ...result.skipped.map((skipped) => `skipped: ${skipped}`),
    ...result.redactions.map(
      (redaction) => `redacted: ${redaction.envVar} (${redaction.description})`,
    ),
  ];
  files.set("conversion.txt", `${report.join("\n")}\n`);
  return files;
}

/** What the case's expected folder holds now. */
export function readExpectedCase(name: string): Map<string, string> {
  const directory = join(expectedDirectory, name);
  const files = new Map<string, string>();
  if (!existsSync(directory)) return files;
  for (const file of readdirSync(directory).sort())
    files.set(file, readFileSync(join(directory, file), "utf8"));
  return files;
}
