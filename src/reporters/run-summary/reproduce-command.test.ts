import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reproduceCommand } from "./reproduce-command.ts";

describe("reproduceCommand", () => {
  it("names the file, the title as a literal -g pattern, and the project", () => {
    assert.equal(
      reproduceCommand({
        location: { file: "tests/api/order/orders.spec.ts", line: 3, column: 1 },
        titlePath: ["create", "rejects qty (0) for $5"],
        project: "order",
      }),
      'npx playwright test tests/api/order/orders.spec.ts -g "rejects qty \\\\(0\\\\) for \\\\\\$5" --project=order',
    );
  });

  it("quotes a path with spaces for the shell", () => {
    const command = reproduceCommand({
      location: { file: "tests/my suite/a.spec.ts", line: 1, column: 1 },
      titlePath: ["works"],
      project: "my project",
    });
    assert.equal(
      command,
      `npx playwright test 'tests/my suite/a.spec.ts' -g "works" --project='my project'`,
    );
  });

  it("prefers the record's own command, as a load objective has", () => {
    const command = reproduceCommand({
      location: { file: "tests/perf/scenarios/smoke.ts", line: 1, column: 1 },
      titlePath: ["objectives", "eta-precise p95 < 20 ms"],
      project: "perf",
      reproduce: "npx qaops perf smoke",
    });
    assert.equal(command, "npx qaops perf smoke");
  });
});
