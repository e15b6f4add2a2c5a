/**
 * The local certificate authority that signs the certificates the recording proxy shows to
 * clients for intercepted HTTPS hosts. Made on first use and kept, so a device or browser
 * trusts it once; its private key is readable by the user only.
 */
import { X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateCACertificate, generateSPKIFingerprint } from "mockttp";

export interface CertificateAuthority {
  folder: string;
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
  /** SHA-256 of the certificate, colon-separated hex, as trust stores display it. */
  fingerprint: string;
  /** Base64 SHA-256 of the public key, as Chromium's `--ignore-certificate-errors-spki-list` wants. */
  spkiHash: string;
  /** True when this call made it. */
  created: boolean;
}

const certFile = "qaops-ca.pem";
const keyFile = "qaops-ca.key";

/** Reads the CA from `<folder>/ca/`, making it there (key mode 0600) when it is missing. */
export async function loadOrCreateCertificateAuthority(
  configFolder: string,
): Promise<CertificateAuthority> {
  const folder = join(configFolder, "ca");
  const certPath = join(folder, certFile);
  const keyPath = join(folder, keyFile);
  const existing = await readPair(certPath, keyPath);
  const pair = existing ?? (await createPair(folder, certPath, keyPath));
  return {
    folder,
    certPath,
    keyPath,
    ...pair,
    fingerprint: new X509Certificate(pair.cert).fingerprint256,
    spkiHash: await generateSPKIFingerprint(pair.cert),
    created: existing === undefined,
  };
}

async function readPair(
  certPath: string,
  keyPath: string,
): Promise<{ cert: string; key: string } | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, "utf8"), readFile(keyPath, "utf8")]);
    return { cert, key };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function createPair(
  folder: string,
  certPath: string,
  keyPath: string,
): Promise<{ cert: string; key: string }> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const { cert, key } = await generateCACertificate({
    subject: { commonName: "qaops record local CA", organizationName: "qaops" },
    bits: 2048,
  });
  // The key first, owner-only from the start: a certificate without its key is harmless.
  await writeFile(keyPath, key, { mode: 0o600, flag: "wx" });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, cert, { mode: 0o644 });
  return { cert, key };
}
