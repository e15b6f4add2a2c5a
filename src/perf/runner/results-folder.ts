import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PerfSummary } from "../summary/perf-verdict.ts";
import { resultFiles } from "./result-files.ts";

/** The summary a run left in its folder; undefined when Artillery ended before its report. */
export function readResultsSummary(resultsDir: string): PerfSummary | undefined {
  const summaryPath = join(resultsDir, resultFiles.summaryJson);
  if (!existsSync(summaryPath)) return undefined;
  return JSON.parse(readFileSync(summaryPath, "utf8")) as PerfSummary;
}

/** `2026-11-22T10:44:58.123Z` → `2026-11-22T10-44-58Z`: sortable, and valid on every filesystem. */
export function timestampFolderName(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "-");
}

/** The start time a results folder is named after; undefined for another name. */
export function startOfRunFolder(name: string): Date | undefined {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)Z(-\d+)?$/.exec(name);
  if (!match) return undefined;
  return new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
}

export interface ResultsFolderOptions {
  root: string;
  scenario: string;
  now: Date;
}

/** `<root>/<scenario>/<timestamp>/`, created; a second run within the same second gets `-2`. */
export function createResultsFolder(options: ResultsFolderOptions): string {
  const base = join(options.root, options.scenario, timestampFolderName(options.now));
  let folder = base;
  for (let attempt = 2; existsSync(folder); attempt++) folder = `${base}-${attempt}`;
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** The newest run's folder for a scenario, or undefined when it never ran. */
export function latestResultsFolder(root: string, scenario: string): string | undefined {
  const dir = join(root, scenario);
  if (!existsSync(dir)) return undefined;
  const runs = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}-\d\d-\d\dT/.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareRunFolders);
  const latest = runs.at(-1);
  return latest === undefined ? undefined : join(dir, latest);
}

/** Timestamp order, with `…Z-10` after `…Z-9` after `…Z`. */
function compareRunFolders(a: string, b: string): number {
  const [aStamp = "", aSuffix = "1"] = a.split(/Z-?/);
  const [bStamp = "", bSuffix = "1"] = b.split(/Z-?/);
  return aStamp.localeCompare(bStamp) || Number(aSuffix || 1) - Number(bSuffix || 1);
}
