#!/usr/bin/env node
// @ts-check
/**
 * `npm run plan` and `npm run audit`: run the command line from dist/, after re-emitting (transpiling with SWC,
 * without type-checking) any source file newer than its output. Type-checking belongs to `npm test` and CI; a
 * command should answer at once, not after a minute of tsc. Plain JavaScript, run without a build.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SRC = path.join(ROOT, "src");
const OUT = path.join(ROOT, "dist", "src");

/** @param {string} dir @returns {string[]} */
function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Re-emits the sources whose output is missing or older; returns how many. */
function refresh() {
  const stale = sources(SRC).filter((file) => {
    const out = path.join(OUT, path.relative(SRC, file)).replace(/\.ts$/, ".js");
    return !fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs;
  });
  if (stale.length === 0) return 0;
  const swc = require("@swc/core");
  for (const file of stale) {
    const out = path.join(OUT, path.relative(SRC, file)).replace(/\.ts$/, ".js");
    const { code } = swc.transformFileSync(file, {
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
      sourceMaps: false,
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, code);
  }
  return stale.length;
}

const emitted = refresh();
if (emitted > 0) process.stderr.write(`cenm-backup: re-emitted ${emitted} changed source file(s) without type-checking (npm test type-checks)\n`);
// The same runner as the bin: exit codes, and a quiet stop when the reader closes the pipe (`| head`).
require(path.join(OUT, "cli.js")).run(process.argv.slice(2));
