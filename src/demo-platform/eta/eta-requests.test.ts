import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseQuery, parseWith } from "../http/request-validation.ts";
import {
  approximateQuerySchema,
  etaSettingsBodySchema,
  preciseQuerySchema,
} from "./eta-requests.ts";

const query = (search: string) => new URL(`http://eta.invalid/v1/eta?${search}`);

describe("ETA request parsing", () => {
  it("reads coordinates and a de-duplicated shop list", () => {
    const parsed = parseQuery(approximateQuerySchema, query("lat=37.5&lng=127.03&shopIds=3,1,3"), [
      "lat",
      "lng",
      "shopIds",
    ]);
    assert.deepEqual(parsed, { ok: true, value: { lat: 37.5, lng: 127.03, shopIds: [3, 1] } });
  });

  it("names every bad field at once", () => {
    const parsed = parseQuery(preciseQuerySchema, query("lat=91&lng=abc"), [
      "lat",
      "lng",
      "shopId",
    ]);
    assert.deepEqual(parsed, {
      ok: false,
      errors: [
        { field: "lat", message: "must be between -90 and 90" },
        { field: "lng", message: "must be a decimal number" },
        { field: "shopId", message: "is required" },
      ],
    });
  });

  it("rejects an empty value, a malformed list and too many shops", () => {
    const names = ["lat", "lng", "shopIds"];
    const tooMany = Array.from({ length: 51 }, (_, i) => i + 1).join(",");
    for (const [search, field] of [
      ["lat=&lng=127&shopIds=1", "lat"],
      ["lat=37&lng=127&shopIds=1,,2", "shopIds"],
      ["lat=37&lng=127&shopIds=0", "shopIds"],
      [`lat=37&lng=127&shopIds=${tooMany}`, "shopIds"],
    ] as const) {
      const parsed = parseQuery(approximateQuerySchema, query(search), names);
      assert.equal(parsed.ok, false, search);
      if (!parsed.ok)
        assert.deepEqual(
          parsed.errors.map((e) => e.field),
          [field],
          search,
        );
    }
  });

  it("requires manual minutes in manual mode and rejects unknown fields", () => {
    assert.deepEqual(parseWith(etaSettingsBodySchema, { mode: "manual", manualMinutes: 30 }), {
      ok: true,
      value: { mode: "manual", manualMinutes: 30 },
    });
    const missing = parseWith(etaSettingsBodySchema, { mode: "manual" });
    assert.deepEqual(missing.ok ? [] : missing.errors.map((e) => e.field), ["manualMinutes"]);
    const extra = parseWith(etaSettingsBodySchema, { mode: "auto", speed: 3 });
    assert.equal(extra.ok, false);
    const noBody = parseWith(etaSettingsBodySchema, undefined);
    assert.deepEqual(noBody.ok ? [] : noBody.errors.map((e) => e.field), ["body"]);
  });
});
