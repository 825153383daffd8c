/** Tests are transpiled by SWC (no type-check here: `npm run build` runs tsc once for the whole project). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 30000,
  // Jest leaves one core to its own process by default; the workers do all the work here, so use both cores.
  maxWorkers: 2,
};
