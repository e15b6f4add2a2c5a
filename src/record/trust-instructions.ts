/**
 * What `qaops record ca` prints: where the recording CA is and how each kind of client comes
 * to trust it. Pure, so the wording is tested; only the CLI prints it.
 */
import type { CertificateAuthority } from "./certificate-authority.ts";

export function trustInstructions(ca: CertificateAuthority): string[] {
  const cert = ca.certPath;
  return [
    `qaops record CA${ca.created ? " (made just now)" : ""}`,
    `  certificate:  ${cert}`,
    `  private key:  ${ca.keyPath} (owner-only; never share it)`,
    `  SHA-256:      ${ca.fingerprint}`,
    `  SPKI SHA-256: ${ca.spkiHash}`,
    "",
    "Anyone holding the private key can impersonate any HTTPS site to a client that trusts this",
    "CA. Trust it only on machines and devices you record from, and remove it when done.",
    "",
    "Node.js (done for you by `qaops record -- <command>`):",
    `  NODE_EXTRA_CA_CERTS=${cert} HTTPS_PROXY=http://127.0.0.1:8080 node app.js`,
    "curl:",
    `  curl -x http://127.0.0.1:8080 --cacert ${cert} https://api.example.com/`,
    "Python requests, pip and other OpenSSL clients: point their CA bundle at a file holding",
    `  the system CAs plus ${cert} (REQUESTS_CA_BUNDLE, SSL_CERT_FILE).`,
    "Chromium / Chrome (done for you by `qaops record --browser`):",
    `  chromium --proxy-server=http://127.0.0.1:8080 --ignore-certificate-errors-spki-list=${ca.spkiHash}`,
    "Firefox:",
    "  Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import,",
    `  choose ${cert}, tick "Trust this CA to identify websites"; then Settings → Network`,
    "  Settings → Manual proxy configuration: HTTP proxy 127.0.0.1, port 8080, also for HTTPS.",
    "System store:",
    `  Debian/Ubuntu: sudo cp ${cert} /usr/local/share/ca-certificates/qaops-ca.crt && sudo update-ca-certificates`,
    `  Fedora/RHEL:   sudo cp ${cert} /etc/pki/ca-trust/source/anchors/ && sudo update-ca-trust`,
    `  macOS:         sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${cert}`,
    `  Windows:       certutil -addstore -f Root ${cert}   (in an administrator shell)`,
    "Android device or emulator:",
    "  copy the certificate to the device, then Settings → Security → Encryption & credentials →",
    "  Install a certificate → CA certificate. Apps targeting Android 7+ trust user CAs only when",
    "  their network security config allows it (debug builds: <debug-overrides>). The proxy",
    "  listens on 127.0.0.1 only: run `adb reverse tcp:8080 tcp:8080`, then set the device's",
    "  Wi-Fi proxy to 127.0.0.1 port 8080.",
    "iOS simulator or device:",
    `  simulator: xcrun simctl keychain booted add-root-cert ${cert}; it shares this Mac's network,`,
    "  so the Mac's proxy settings (127.0.0.1:8080) apply. Device: AirDrop or mail the certificate,",
    "  install the profile (Settings → General → VPN & Device Management), then enable full trust",
    "  in Settings → General → About → Certificate Trust Settings; a device reaches the proxy only",
    "  through a tunnel to this machine's loopback (the proxy never listens on the network).",
    "",
    "The port is qaops record's --port (8080 in these examples).",
  ];
}
