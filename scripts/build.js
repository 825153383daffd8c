#!/usr/bin/env node
// @ts-check
/**
 * `npm run build`: type-check and emit the two TypeScript programs (tsconfig.core.json, the AWS and core side;
 * tsconfig.azure.json, the Azure side and the component package's entry, index.ts and src/plugin) at the same
 * time, one tsc process each, and fail when either fails. The two programs are independent (each is incremental
 * into its own build-info file), so on two cores this halves the wait before jest starts. tsconfig.json is the
 * whole package in one program: what editors, `tsc -p .` and Pulumi's schema analysis of the component package
 * read. Plain JavaScript, run without a build.
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const tsc = path.join(__dirname, "..", "node_modules", "typescript", "lib", "tsc.js");
const extra = process.argv.slice(2);
const runs = ["tsconfig.core.json", "tsconfig.azure.json"].map(
  (project) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [tsc, "-p", project, ...extra], { stdio: "inherit", cwd: path.join(__dirname, "..") });
      child.on("exit", (code) => resolve(code === 0 ? 0 : 1));
    }),
);
Promise.all(runs).then((codes) => {
  process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
});
