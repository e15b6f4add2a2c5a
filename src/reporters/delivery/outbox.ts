import { randomBytes } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/** Where undelivered work waits for `qaops report replay`, unless an option or env says otherwise. */
const defaultOutboxDir = ".qaops/outbox";

export function resolveOutboxDir(
  option: string | undefined,
  env: Record<string, string | undefined>,
): string {
  return option ?? (env.QAOPS_OUTBOX_DIR || defaultOutboxDir);
}

const recordSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[\w-]+$/),
  createdAt: z.string(),
  channel: z.enum(["jira", "slack"]),
  /** What `payload` holds; each channel validates its own payloads when it replays them. */
  kind: z.string(),
  /** Deliveries tried so far, the reporter's own included. */
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  payload: z.unknown(),
});

export type OutboxRecord = z.infer<typeof recordSchema>;

export type OutboxEntry =
  { file: string; record: OutboxRecord } | { file: string; problem: string };

/**
 * A folder of JSON records, one per undelivered batch, plus a folder per record for files it
 * carries (a trace that the test run's output folder may not keep). Never holds a secret: records
 * name the target (Jira site, a hash of the webhook URL), never its credentials.
 */
export class Outbox {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  newId(channel: OutboxRecord["channel"]): string {
    // Millisecond time first, so names sort in the order the records were made.
    const stamp = new Date().toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 18);
    return `${stamp}-${channel}-${randomBytes(3).toString("hex")}`;
  }

  /** Copies a file into the record's folder; returns its new path. */
  async keepFile(id: string, source: string): Promise<string> {
    const folder = path.join(this.dir, id);
    await mkdir(folder, { recursive: true });
    const target = path.join(folder, path.basename(source));
    await copyFile(source, target);
    return target;
  }

  async write(record: OutboxRecord): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const file = this.#fileOf(record.id);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`);
    await rename(temporary, file);
    return file;
  }

  /** Records oldest first, so a replay applies them in the order the runs happened. */
  async list(): Promise<OutboxEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const entries: OutboxEntry[] = [];
    for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
      const file = path.join(this.dir, name);
      try {
        const parsed = recordSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
        entries.push(
          parsed.success
            ? { file, record: parsed.data }
            : { file, problem: `not an outbox record: ${z.prettifyError(parsed.error)}` },
        );
      } catch (error) {
        entries.push({ file, problem: `unreadable: ${(error as Error).message}` });
      }
    }
    return entries;
  }

  async remove(id: string): Promise<void> {
    await rm(this.#fileOf(id), { force: true });
    await rm(path.join(this.dir, id), { recursive: true, force: true });
  }

  #fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}
