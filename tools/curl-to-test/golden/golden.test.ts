// Golden files: each fixture converts to exactly the files kept in expected/<case>/.
// After an intended change, run `node tools/curl-to-test/golden/regenerate.ts` and review.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goldenCaseFixtures, readExpectedCase, renderGoldenCase } from "./golden-case.ts";

describe("curl-to-test golden files", () => {
  const fixtures = goldenCaseFixtures();

  it("has fixtures to check", () => {
    assert.ok(fixtures.length >= 5, `found ${fixtures.length} golden fixtures`);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name} converts to the expected files`, async () => {
      const actual = await renderGoldenCase(fixture.path);
      const expected = readExpectedCase(fixture.name);
      assert.deepEqual(
        [...actual.keys()].sort(),
        [...expected.keys()].sort(),
        `files of expected/${fixture.name}/ (regenerate.ts rewrites them)`,
      );
      for (const [file, text] of actual) {
        assert.equal(text, expected.get(file), `expected/${fixture.name}/${file} differs`);
      }
    });
  }
});
