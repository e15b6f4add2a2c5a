// The helpers a generated spec declares when it needs them, as lines of its source.

/** `env(name)`: a secret of the capture, read when the test runs. */
export const envHelperLines: readonly string[] = [
  "/** A secret of the capture, from the environment; the test fails naming it when unset. */",
  "function env(name: string): string {",
  "  const value = process.env[name];",
  "  if (!value) {",
  '    throw new Error("Set the env var " + name + " (listed in .env.example) to run this test.");',
  "  }",
  "  return value;",
  "}",
  "",
];

/** `defined(value, what)`: a value a later flow step needs, or a failure naming it. */
export const definedHelperLines: readonly string[] = [
  "/** A value a later step needs; the step fails naming it when the response lacks it. */",
  "function defined<T>(value: T | null | undefined, what: string): T {",
  "  if (value === null || value === undefined) {",
  '    throw new Error("The response has no " + what + " for the next steps.");',
  "  }",
  "  return value;",
  "}",
  "",
];

/** `multipartBody(parts)`: a multipart body as curl writes it, for parts FormData cannot send. */
export const multipartBodyHelperLines: readonly string[] = [
  "/**",
  " * A multipart/form-data body written here, as curl wrote it: Playwright's FormData cannot",
  " * give a text part a Content-Type of its own. Names are escaped as curl escapes them.",
  " */",
  "function multipartBody(",
  "  parts: { name: string; filename?: string; contentType?: string; content: string | Buffer }[],",
  "): { contentType: string; body: Buffer } {",
  '  const boundary = "----qaops" + randomUUID().replaceAll("-", "");',
  '  const quoted = (text: string) => text.replace(/[\\r\\n"]/g, (char) => encodeURIComponent(char));',
  "  const chunks = parts.flatMap((part) => {",
  '    let head = `--${boundary}\\r\\nContent-Disposition: form-data; name="${quoted(part.name)}"`;',
  '    if (part.filename !== undefined) head += `; filename="${quoted(part.filename)}"`;',
  "    if (part.contentType !== undefined) head += `\\r\\nContent-Type: ${part.contentType}`;",
  '    return [Buffer.from(`${head}\\r\\n\\r\\n`), Buffer.from(part.content), Buffer.from("\\r\\n")];',
  "  });",
  "  chunks.push(Buffer.from(`--${boundary}--\\r\\n`));",
  "  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };",
  "}",
  "",
];
