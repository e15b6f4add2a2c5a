import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A throwaway self-signed certificate, made with the openssl CLI, so captures of https URLs can
 * be sent to the loopback recording server (curl then runs with --insecure). Undefined where
 * openssl is not installed: those captures are then reported as not runnable here.
 */
export async function makeLoopbackCertificate(): Promise<
  { key: string; cert: string } | undefined
> {
  const directory = await mkdtemp(join(tmpdir(), "qaops-cert-"));
  try {
    const keyPath = join(directory, "key.pem");
    const certPath = join(directory, "cert.pem");
    await run(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-days",
        "1",
        "-keyout",
        keyPath,
        "-out",
        certPath,
      ],
      { timeout: 10_000 },
    );
    return { key: await readFile(keyPath, "utf8"), cert: await readFile(certPath, "utf8") };
  } catch {
    return undefined;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
