import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { timeOfDay } from "./time-of-day.ts";

/** A KST wall-clock hour as a UTC instant (KST = UTC+9). */
const kst = (hour: number, minute = 0) => new Date(Date.UTC(2026, 2, 10, hour - 9, minute));

describe("timeOfDay", () => {
  it("reads the hour in KST whatever the machine's time zone", () => {
    assert.equal(timeOfDay(new Date("2026-03-10T03:30:00Z")).period, "lunch-peak"); // 12:30 KST
    assert.equal(timeOfDay(new Date("2026-03-10T15:00:00Z")).period, "night"); // 00:00 KST
  });

  it("switches period exactly on the hour", () => {
    assert.equal(timeOfDay(kst(10, 59)).period, "morning");
    assert.equal(timeOfDay(kst(11, 0)).period, "lunch-peak");
    assert.equal(timeOfDay(kst(16, 59)).period, "afternoon");
    assert.equal(timeOfDay(kst(17, 0)).period, "dinner-peak");
    assert.equal(timeOfDay(kst(23, 59)).period, "evening");
  });

  it("makes the peaks slower than the quiet hours", () => {
    const night = timeOfDay(kst(3)).factor;
    const afternoon = timeOfDay(kst(15)).factor;
    const lunch = timeOfDay(kst(12)).factor;
    const dinner = timeOfDay(kst(19)).factor;
    assert.ok(night < afternoon && afternoon < lunch && lunch < dinner);
  });
});
