// Apart from the folder's file system code: the k6 scenarios' handleSummary writes these too.
/** The files a run leaves in its results folder. */
export const resultFiles = {
  summaryJson: "summary.json",
  summaryMarkdown: "summary.md",
  junit: "junit.xml",
  dashboard: "report.html",
  chart: "latency.svg",
  breakpoint: "breakpoint.json",
} as const;
