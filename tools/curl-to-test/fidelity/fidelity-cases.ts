/**
 * The cases the fidelity check runs: curlconverter's own fixture commands, Hoppscotch's curl
 * parser samples, the converter's capture fixtures, and this check's own fixtures.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { curlconverterCorpusDir, hoppscotchCorpusDir } from "../fixtures/curlconverter-corpus.ts";
import type { FidelityCaseInput } from "./fidelity-check.ts";

function fidelityCaseFolders(repoRoot: string): { prefix: string; directory: string }[] {
  return [
    { prefix: "corpus", directory: curlconverterCorpusDir },
    { prefix: "hoppscotch", directory: hoppscotchCorpusDir },
    { prefix: "captures", directory: join(repoRoot, "tools/curl-to-test/fixtures/captures") },
    { prefix: "fidelity", directory: join(repoRoot, "tools/curl-to-test/fidelity/fixtures") },
  ];
}

const captureExtensions = /\.(sh|har|cmd|ps1|txt)$/;

export function readFidelityCases(repoRoot: string): FidelityCaseInput[] {
  const cases: FidelityCaseInput[] = [];
  for (const folder of fidelityCaseFolders(repoRoot)) {
    if (!existsSync(folder.directory)) continue;
    for (const name of readdirSync(folder.directory).sort()) {
      if (!captureExtensions.test(name)) continue;
      const path = join(folder.directory, name);
      cases.push({
        id: `${folder.prefix}/${name}`,
        displayName: relative(repoRoot, path),
        text: readFileSync(path, "utf8"),
      });
    }
  }
  return cases;
}
