import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { compressDailyCurve } from "../load-shape/daily-curve.ts";
import { perfSummary } from "../summary/perf-verdict.ts";
import { breachedLoadTest, breachedPeriod } from "../../../test-support/perf/breached-run.ts";
import { renderHtmlReport } from "./html-report.ts";
import { reportSeries } from "./report-data.ts";

// The report opened in a real browser (Debian's chromium): both charts must draw, with no error
// on the console, from the one file and nothing fetched.
const browserPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
const workDir = mkdtempSync(join(tmpdir(), "qaops-report-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

function writeReport(): string {
  const plan = compressDailyCurve({ peakRate: 300, durationSeconds: 48 });
  const t0 = 1_796_633_260_000;
  const periods = Array.from({ length: 5 }, (_, index) => ({
    ...breachedPeriod({ recommendationMedian: 3 + index }),
    period: t0 + index * 10_000,
  }));
  const summary = perfSummary({
    loadTest: { ...breachedLoadTest, profile: "daily-curve", plan },
    aggregate: breachedPeriod(),
  });
  const series = reportSeries({
    summary,
    periods,
    sentPerSecond: Array.from({ length: 48 }, (_, s) => 100 + s),
    originMs: t0,
  });
  const file = join(workDir, "report.html");
  writeFileSync(file, renderHtmlReport(summary, series));
  return file;
}

describe("report.html in a browser", () => {
  it(
    "draws the arrival and latency charts without console errors or requests",
    { skip: browserPath ? false : "no chromium here (apt-get install -y chromium)" },
    async () => {
      const browser = await chromium.launch({ executablePath: browserPath });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") problems.push(message.text());
        });
        page.on("pageerror", (error) => problems.push(error.message));
        page.on("request", (request) => {
          if (!request.url().startsWith("file:")) problems.push(`fetched ${request.url()}`);
        });
        await page.goto(pathToFileURL(writeReport()).href);
        await page.locator("#latency-chart canvas").waitFor();
        const charts = await page.locator(".uplot").count();
        const legend = await page.locator("#latency-chart .u-legend .u-series").allInnerTexts();
        const canvasWidth = await page
          .locator("#arrivals-chart canvas")
          .evaluate((canvas) => (canvas as unknown as { width: number }).width);
        assert.equal(charts, 2);
        assert.ok(canvasWidth > 100, `canvas ${canvasWidth}px wide`);
        assert.ok(
          legend.some((text) => text.includes("recommendation")),
          legend.join("|"),
        );
        assert.deepEqual(problems, []);
      } finally {
        await browser.close();
      }
    },
  );
});
