/**
 * The environment a recorded command runs in: both spellings of the proxy variables (curl reads
 * only the lower-case `http_proxy`; many tools only the upper-case), the CA for Node and for
 * the tools that read a CA bundle from the environment.
 */
export interface ProxyEnvironmentOptions {
  proxyUrl: string;
  /** A PEM file holding the recording CA (and any CAs the user already trusted through Node). */
  caBundlePath: string;
}

export function proxyEnvironment(
  base: NodeJS.ProcessEnv,
  options: ProxyEnvironmentOptions,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
    env[name] = options.proxyUrl;
  }
  // A NO_PROXY naming localhost would send loopback traffic around the proxy, unrecorded.
  for (const name of ["NO_PROXY", "no_proxy"]) delete env[name];
  env.NODE_EXTRA_CA_CERTS = options.caBundlePath;
  // Node's own fetch honours the proxy variables only when asked (Node 24+).
  env.NODE_USE_ENV_PROXY = "1";
  return env;
}
