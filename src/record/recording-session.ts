/**
 * One recording from start to stop: the CA, the HAR journal, the proxy, a CA bundle for the
 * clients it serves, and the tally of what went through. Stopping writes nothing more: the
 * HAR is already complete after each exchange.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadOrCreateCertificateAuthority } from "./certificate-authority.ts";
import type { CertificateAuthority } from "./certificate-authority.ts";
import { qaopsConfigFolder } from "./config-folder.ts";
import type { HarEntryJson } from "./har-entry-builder.ts";
import { HarJournal } from "./har-journal.ts";
import type { HostPatterns } from "./host-patterns.ts";
import { startRecordingProxy } from "./recording-proxy.ts";
import type { ProxyEvent, RecordingProxy } from "./recording-proxy.ts";
import { RecordingTally } from "./recording-tally.ts";

export interface RecordingSessionOptions {
  env: NodeJS.ProcessEnv;
  port: number;
  harPath: string;
  hosts: HostPatterns;
  creatorVersion: string;
  onEvent?: (event: ProxyEvent, tally: RecordingTally) => void;
}

export interface RecordingSession {
  proxy: RecordingProxy;
  ca: CertificateAuthority;
  tally: RecordingTally;
  /** The recording CA plus the CAs `NODE_EXTRA_CA_CERTS` already named: what clients trust. */
  caBundlePath: string;
  stop(): Promise<void>;
}

export async function startRecordingSession(
  options: RecordingSessionOptions,
): Promise<RecordingSession> {
  const ca = await loadOrCreateCertificateAuthority(qaopsConfigFolder(options.env));
  const extraCertificates = await readExtraCertificates(options.env.NODE_EXTRA_CA_CERTS);
  const bundleFolder = await mkdtemp(join(tmpdir(), "qaops-record-"));
  const caBundlePath = join(bundleFolder, "ca-bundle.pem");
  await writeFile(caBundlePath, [ca.cert, ...extraCertificates].join("\n"), { mode: 0o600 });
  const tally = new RecordingTally();
  // The HAR is opened only once the proxy listens, so a failed start leaves an existing file
  // alone; an exchange completing in between waits here.
  const sink: { journal?: HarJournal; early: HarEntryJson[] } = { early: [] };
  let proxy: RecordingProxy;
  try {
    proxy = await startRecordingProxy({
      port: options.port,
      ca,
      hosts: options.hosts,
      write: (entry) => {
        if (sink.journal) sink.journal.append(entry);
        else sink.early.push(entry);
      },
      upstreamCertificates: extraCertificates,
      onEvent: (event) => {
        tally.add(event);
        options.onEvent?.(event, tally);
      },
    });
  } catch (error) {
    await rm(bundleFolder, { recursive: true, force: true });
    throw error;
  }
  let opened: HarJournal;
  try {
    opened = new HarJournal(options.harPath, {
      name: "qaops record",
      version: options.creatorVersion,
    });
  } catch (error) {
    await proxy.stop();
    await rm(bundleFolder, { recursive: true, force: true });
    throw error;
  }
  for (const entry of sink.early) opened.append(entry);
  sink.journal = opened;
  return {
    proxy,
    ca,
    tally,
    caBundlePath,
    stop: async () => {
      await proxy.stop();
      opened.close();
      await rm(bundleFolder, { recursive: true, force: true });
    },
  };
}

/** The PEM file a user already points Node at, so upstream servers it vouches for stay trusted. */
async function readExtraCertificates(path: string | undefined): Promise<string[]> {
  if (!path?.trim()) return [];
  try {
    return [await readFile(path, "utf8")];
  } catch (error) {
    throw new Error(
      `NODE_EXTRA_CA_CERTS names ${path}, which cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
