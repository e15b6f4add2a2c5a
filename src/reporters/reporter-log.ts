/** What a reporter says: notes on stdout, warnings on stderr starting with `warning:`. */
export interface ReporterLog {
  note(line: string): void;
  warn(line: string): void;
}

export function consoleLog(prefix: string): ReporterLog {
  return {
    note: (line) => process.stdout.write(`${prefix}: ${line}\n`),
    warn: (line) => process.stderr.write(`warning: ${prefix}: ${line}\n`),
  };
}

/** Collects lines instead of printing them; for tests and for callers that print a summary. */
export function memoryLog(): ReporterLog & { notes: string[]; warnings: string[] } {
  const notes: string[] = [];
  const warnings: string[] = [];
  return { notes, warnings, note: (line) => notes.push(line), warn: (line) => warnings.push(line) };
}
