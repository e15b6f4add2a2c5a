// Apart from the folder's file system code: the scenarios' processor writes the arrival logs too.
/** The files a run leaves in its results folder. */
export const resultFiles = {
  summaryJson: "summary.json",
  summaryMarkdown: "summary.md",
  junit: "junit.xml",
  report: "report.html",
  /** The Artillery script that ran, as JSON (no secret: those are read from the environment). */
  script: "script.json",
  /** What `artillery run --output` wrote: the whole run and each 10-second period. */
  artilleryReport: "artillery.json",
  /** When each phase began and ended, as Artillery announced it. */
  phaseTimes: "phases.jsonl",
  breakpoint: "breakpoint.json",
} as const;

/** Each Artillery worker logs its arrivals to its own `arrivals-<pid>-<thread>.log`. */
export const arrivalLogPrefix = "arrivals-";

/** Arrivals are counted per slice this long; short, so a phase boundary blurs by little. */
export const arrivalSliceMs = 20;
