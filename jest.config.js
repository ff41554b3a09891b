// One jest run for every suite (unit, module, protocol, scripts, HTTP, browser). `TEST_TYPE` narrows it for
// quick local loops; CI and the README run them all with `npm test`.
const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const suites = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"],
  // a module booted alone on the test database (moduleIntegrationTestRunner): the ledger's transitions
  modules: ["<rootDir>/src/**/__tests__/**/*.module.spec.[jt]s"],
  protocol: ["<rootDir>/integration-tests/protocol/**/*.spec.[jt]s"],
  scripts: ["<rootDir>/integration-tests/scripts/**/*.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
  browser: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } },
    ],
  },
  // jest's node environment, keeping what the code logs for the tests that fail (see the file)
  testEnvironment: "<rootDir>/integration-tests/quiet-environment.js",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.data/", "<rootDir>/.output/"],
  setupFiles: ["./integration-tests/setup.js"],
  globalSetup: "./integration-tests/global-setup.js",
  globalTeardown: "./integration-tests/global-teardown.js",
  testMatch: suites[process.env.TEST_TYPE] ?? Object.values(suites).flat(),
  testTimeout: 120000,
}
