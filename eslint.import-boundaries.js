// Imports run one way: cli → features (converter, demo platform, load, record, reporters) →
// shared model and utilities. Each feature below lists what it must not import; tests, test
// support and fixtures may import anything of ours. A file takes the last block that names it, so
// a folder's own block comes after its parent's. No file, tests included, reaches into
// curlconverter's files: its parser comes through the package's own entry (see patches/).
const testOnly = [
  "**/*.test.ts",
  "**/testing/**",
  "**/fixtures/**",
  "**/golden/**",
  "test-support/**",
];
const packageInternals = {
  regex: String.raw`^curlconverter/`,
  message: 'import curlconverter\'s parser from "curlconverter", not from its files',
};
const testSupport = {
  regex: String.raw`(^|/)(test-support|testing)/`,
  message: "shipped code does not import test support",
};

/** Relative imports that leave the feature for one of these top-level folders of src/. */
function srcFolders(...names) {
  return String.raw`^(\.\./)+(${names.join("|")})/`;
}

const converterOutside = String.raw`(^|/)src/(cli|perf|record|reporters)/`;

const boundaries = [
  {
    files: ["tools/curl-to-test/**/*.ts"],
    regex: converterOutside,
    message: "the converter does not know the CLI, the load runner, the recorder or the reporters",
  },
  {
    files: ["tools/curl-to-test/plan/**/*.ts"],
    regex: String.raw`${converterOutside}|^\.\./(render|llm|verify|record|fidelity)/`,
    message: "planning comes before rendering, refining and checking: it knows the request model",
  },
  {
    files: ["tools/curl-to-test/model/**/*.ts"],
    regex: String.raw`^\.\./`,
    message: "the request model imports nothing of ours",
  },
  {
    files: ["src/demo-platform/**/*.ts"],
    regex: String.raw`${srcFolders("cli", "perf", "record", "reporters")}|(^|/)tools/`,
    message: "the demo platform knows nothing of qaops",
  },
  {
    files: ["src/reporters/**/*.ts"],
    regex: String.raw`${srcFolders("cli", "perf", "record", "demo-platform")}|(^|/)tools/`,
    message: "reporters know only test results and their own senders",
  },
  {
    files: ["src/perf/**/*.ts"],
    regex: String.raw`${srcFolders("cli", "record")}|(^|/)tools/`,
    message: "the load runner does not know the CLI, the recorder or the converter",
  },
  {
    files: ["src/record/**/*.ts"],
    regex: srcFolders("cli", "perf", "reporters"),
    message: "the recorder does not know the CLI, the load runner or the reporters",
  },
  {
    files: ["src/shared/**/*.ts"],
    regex: String.raw`^\.\./`,
    message: "shared utilities import nothing of ours",
  },
];

export const importBoundaries = [
  {
    files: ["**/*.ts", "**/*.js"],
    rules: { "no-restricted-imports": ["error", { patterns: [packageInternals] }] },
  },
  {
    files: ["src/**/*.ts", "tools/**/*.ts"],
    ignores: testOnly,
    rules: { "no-restricted-imports": ["error", { patterns: [packageInternals, testSupport] }] },
  },
  ...boundaries.map(({ files, regex, message }) => ({
    files,
    ignores: testOnly,
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [packageInternals, testSupport, { regex, message }] },
      ],
    },
  })),
];
