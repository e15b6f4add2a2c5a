import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { haversineKm } from "./haversine.ts";

describe("haversineKm", () => {
  it("is zero for the same point", () => {
    assert.equal(haversineKm({ lat: 37.5, lng: 127 }, { lat: 37.5, lng: 127 }), 0);
  });

  it("measures one degree of latitude as about 111.2 km", () => {
    const km = haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 });
    assert.ok(Math.abs(km - 111.195) < 0.01, `got ${km}`);
  });

  it("matches a known city distance (Gangnam to Jongno, about 9.7 km) and is symmetric", () => {
    const gangnam = { lat: 37.4979, lng: 127.0276 };
    const jongno = { lat: 37.5735, lng: 126.979 };
    const there = haversineKm(gangnam, jongno);
    assert.ok(there > 9.4 && there < 9.9, `got ${there}`);
    assert.equal(haversineKm(jongno, gangnam), there);
  });

  it("stays finite for antipodal points", () => {
    const km = haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 });
    assert.ok(Math.abs(km - Math.PI * 6371.0088) < 0.001, `got ${km}`);
  });
});
