// The licence stage of the test command: every installed package (production and development,
// nested ones too) is read from node_modules; one under AGPL, SSPL or BUSL, or with no licence,
// fails the stage, each named with its version, path and reason.
import { installedPackages, licenceOffences } from "./licences/installed-licences.ts";

const packages = installedPackages(process.cwd());
const offences = licenceOffences(packages);
for (const { pkg, reason } of offences) {
  console.error(`error: ${pkg.name}@${pkg.version} (${pkg.path}): ${reason}`);
}
console.log(
  `${packages.length} installed packages read; ${offences.length} with a licence not allowed`,
);
process.exitCode = offences.length > 0 ? 1 : 0;
