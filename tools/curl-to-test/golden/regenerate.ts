// Rewrites the golden files: `node tools/curl-to-test/golden/regenerate.ts`. Review the diff
// before committing it: every change in it is a change in what `qaops convert` writes.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expectedDirectory, goldenCaseFixtures, renderGoldenCase } from "./golden-case.ts";

await rm(expectedDirectory, { recursive: true, force: true });
for (const fixture of goldenCaseFixtures()) {
  const directory = join(expectedDirectory, fixture.name);
  await mkdir(directory, { recursive: true });
  const files = await renderGoldenCase(fixture.path);
  for (const [file, text] of files) await writeFile(join(directory, file), text);
  console.log(`${fixture.name}: ${[...files.keys()].join(", ")}`);
}
