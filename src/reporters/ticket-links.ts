import { rmSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";

/** A Jira ticket a failure of this run is tracked in. */
export interface TicketLink {
  fingerprint: string;
  key: string;
  url: string;
}

const ticketLinksSchema = z.array(
  z.object({ fingerprint: z.string(), key: z.string(), url: z.string() }),
);

/** Finds a failure's ticket among `links`, by fingerprint. */
export function ticketLookup(
  links: readonly TicketLink[],
): (fingerprint: string) => TicketLink | undefined {
  const byFingerprint = new Map(links.map((link) => [link.fingerprint, link]));
  return (fingerprint) => byFingerprint.get(fingerprint);
}

/**
 * The tickets of one run, handed from the Jira reporter to the Slack reporter through a file
 * named after the process and the run's start: the Jira reporter writes it when the run ends,
 * the Slack reporter reads it when Playwright exits, after every reporter has seen the end, so
 * neither depends on its place in the config. The file lasts as long as the process.
 */
export class TicketLinkHandoff {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  static forRun(
    run: { startedAt: string },
    dir: string = path.join(tmpdir(), "qaops-ticket-links"),
  ): TicketLinkHandoff {
    const started = run.startedAt.replace(/[^\dTZ]/g, "");
    return new TicketLinkHandoff(path.join(dir, `${process.pid}-${started}.json`));
  }

  async publish(links: readonly TicketLink[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(this.file, `${JSON.stringify(links)}\n`);
    process.once("exit", () => rmSync(this.file, { force: true }));
  }

  /** The links published for this run; none when the Jira reporter did not report it. */
  async read(): Promise<TicketLink[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return ticketLinksSchema.parse(JSON.parse(text));
  }
}
