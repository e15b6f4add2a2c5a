import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Licences no dependency may carry, by SPDX id prefix; and the refusal of any licence. */
const forbidden = [/^AGPL/i, /^SSPL/i, /^BUSL/i, /^UNLICENSED$/i];

export interface InstalledPackage {
  name: string;
  version: string;
  /** Where it is installed, relative to the project. */
  path: string;
  /** The SPDX expression or text its package.json declares; undefined when none. */
  licence: string | undefined;
  /** A LICENSE, LICENCE or COPYING file beside it. */
  hasLicenceFile: boolean;
}

export interface LicenceOffence {
  pkg: InstalledPackage;
  reason: string;
}

/** Every package under `node_modules`, nested ones included, as installed. */
export function installedPackages(projectDir: string): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const visit = (modulesDir: string) => {
    if (!existsSync(modulesDir)) return;
    for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || !entry.isDirectory()) continue;
      const dir = join(modulesDir, entry.name);
      if (entry.name.startsWith("@")) {
        for (const scoped of readdirSync(dir, { withFileTypes: true })) {
          if (scoped.isDirectory()) visitPackage(join(dir, scoped.name));
        }
      } else {
        visitPackage(dir);
      }
    }
  };
  const visitPackage = (dir: string) => {
    const manifestPath = join(dir, "package.json");
    if (existsSync(manifestPath)) found.push(describePackage(projectDir, dir, manifestPath));
    visit(join(dir, "node_modules"));
  };
  visit(join(projectDir, "node_modules"));
  return found;
}

function describePackage(projectDir: string, dir: string, manifestPath: string): InstalledPackage {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    name?: string;
    version?: string;
    license?: unknown;
    licenses?: unknown;
  };
  return {
    name: manifest.name ?? relative(projectDir, dir),
    version: manifest.version ?? "?",
    path: relative(projectDir, dir),
    licence: declaredLicence(manifest.license ?? manifest.licenses),
    hasLicenceFile: readdirSync(dir).some((file) => /^(licen[cs]e|copying)/i.test(file)),
  };
}

/** `"MIT"`, `{ type: "MIT" }` or `[{ type: "MIT" }, …]` (older manifests) as one expression. */
function declaredLicence(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (Array.isArray(value)) {
    const types = value.map(declaredLicence).filter((type) => type !== undefined);
    return types.length > 0 ? `(${types.join(" OR ")})` : undefined;
  }
  if (typeof value === "object" && value !== null) {
    return declaredLicence((value as { type?: unknown }).type);
  }
  return undefined;
}

/**
 * Why a package may not be used, or undefined. An expression with OR passes when one choice
 * does; with AND, every part must. A package that declares no licence and ships no licence file
 * has none.
 */
function licenceOffence(pkg: InstalledPackage): string | undefined {
  if (pkg.licence === undefined) {
    return pkg.hasLicenceFile ? undefined : "no licence declared and no licence file";
  }
  return acceptable(pkg.licence) ? undefined : `licence ${pkg.licence} is not allowed`;
}

function acceptable(expression: string): boolean {
  const text = expression.replace(/^\((.*)\)$/, "$1").trim();
  const choices = text.split(/\s+OR\s+/i);
  if (choices.length > 1) return choices.some(acceptable);
  return text
    .split(/\s+AND\s+/i)
    .map((part) => part.replace(/[()]/g, "").trim())
    .every((id) => !forbidden.some((pattern) => pattern.test(id)));
}

export function licenceOffences(packages: readonly InstalledPackage[]): LicenceOffence[] {
  return packages.flatMap((pkg) => {
    const reason = licenceOffence(pkg);
    return reason ? [{ pkg, reason }] : [];
  });
}
