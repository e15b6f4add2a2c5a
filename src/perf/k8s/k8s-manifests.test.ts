import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { listScenarios } from "../runner/scenario-files.ts";
import { configMapSchema, testRunSchema } from "./testrun-schema.ts";
import type { TestRun } from "./testrun-schema.ts";

// The k6-operator manifests, validated offline against the TestRun CRD's schema (see
// testrun-schema.ts) and against the scenarios they run.
const perfDir = fileURLToPath(new URL("../../../tests/perf/", import.meta.url));
const k8sDir = join(perfDir, "k8s");

const documents = readdirSync(k8sDir)
  .filter((file) => file.endsWith(".yaml"))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(k8sDir, file), "utf8")).map((doc, index) => {
      assert.deepEqual(doc.errors, [], `${file} #${index + 1} is valid YAML`);
      return { where: `${file} #${index + 1}`, value: doc.toJS() as { kind?: string } };
    }),
  );
const testRuns = documents
  .filter((d) => d.value.kind === "TestRun")
  .map((d) => ({ where: d.where, run: testRunSchema.parse(d.value) }));
const configMaps = documents
  .filter((d) => d.value.kind === "ConfigMap")
  .map((d) => configMapSchema.parse(d.value));

/** Every `-e NAME=value` in a TestRun's args. */
function envArgs(run: TestRun): string[] {
  const args = run.spec.args ?? [];
  return args.flatMap((arg, index) => (args[index - 1] === "-e" ? [arg] : []));
}

describe("k6-operator manifests (tests/perf/k8s)", () => {
  it("holds only TestRuns and ConfigMaps, each valid against its schema", () => {
    assert.ok(testRuns.length >= 2);
    for (const { where, value } of documents) {
      const schema = value.kind === "TestRun" ? testRunSchema : configMapSchema;
      const result = schema.safeParse(value);
      assert.ok(result.success, `${where}: ${result.error?.message ?? ""}`);
    }
  });

  it("runs the k6 archive of a scenario that exists, split across several runners", () => {
    for (const { where, run } of testRuns) {
      const file = run.spec.script.configMap?.file ?? "";
      const scenario = file.replace(/\.tar$/, "");
      assert.ok(
        file.endsWith(".tar"),
        `${where}: a k6 archive carries the scenario's imports and data`,
      );
      assert.ok(listScenarios().includes(scenario), `${where}: scenario ${scenario} exists`);
      assert.ok(run.spec.parallelism >= 2, `${where}: parallelism splits the load`);
      assert.equal(
        run.spec.runner?.image,
        "grafana/k6:1.8.1",
        `${where}: the k6 version qaops pins`,
      );
    }
  });

  it("passes only settings the scenario reads", () => {
    const sources = [
      ...readdirSync(join(perfDir, "lib")).map((f) => join(perfDir, "lib", f)),
      ...listScenarios().map((s) => join(perfDir, "scenarios", `${s}.ts`)),
    ]
      .map((path) => readFileSync(path, "utf8"))
      .join("\n");
    for (const { where, run } of testRuns) {
      for (const assignment of envArgs(run)) {
        const name = assignment.split("=")[0] ?? "";
        assert.match(assignment, /^[A-Z_][A-Z0-9_]*=.+/, `${where}: -e ${assignment}`);
        assert.ok(sources.includes(`"${name}"`), `${where}: ${name} is read by the scenarios`);
      }
    }
  });

  it("takes its targets from a ConfigMap defined beside it", () => {
    const defined = new Set(configMaps.map((map) => map.metadata.name));
    for (const { where, run } of testRuns) {
      for (const source of run.spec.runner?.envFrom ?? []) {
        if (source.configMapRef)
          assert.ok(defined.has(source.configMapRef.name), `${where}: ${source.configMapRef.name}`);
      }
    }
    const targets = configMaps.find((map) => map.metadata.name === "qaops-perf-targets");
    assert.deepEqual(Object.keys(targets?.data ?? {}).sort(), [
      "ETA_BASE_URL",
      "ORDER_BASE_URL",
      "RECOMMENDATION_BASE_URL",
    ]);
  });
});

describe("the TestRun schema", () => {
  const valid = {
    apiVersion: "k6.io/v1alpha1",
    kind: "TestRun",
    metadata: { name: "example" },
    spec: { parallelism: 2, script: { configMap: { name: "scripts", file: "smoke.tar" } } },
  };

  it("accepts a minimal TestRun", () => {
    assert.ok(testRunSchema.safeParse(valid).success);
  });

  it("rejects a misspelt field, a missing or doubled script, a bad quantity and a bad name", () => {
    const broken = [
      { ...valid, spec: { ...valid.spec, paralellism: 2 } },
      { ...valid, spec: { parallelism: 2, script: {} } },
      {
        ...valid,
        spec: { ...valid.spec, script: { localFile: "/a.js", configMap: { name: "x" } } },
      },
      { ...valid, spec: { ...valid.spec, runner: { resources: { limits: { memory: "2 GB" } } } } },
      { ...valid, metadata: { name: "Daily_Peak" } },
      { ...valid, spec: { ...valid.spec, parallelism: 0 } },
      { ...valid, spec: { ...valid.spec, quiet: true } },
    ];
    for (const manifest of broken) {
      assert.equal(testRunSchema.safeParse(manifest).success, false, JSON.stringify(manifest.spec));
    }
  });
});
