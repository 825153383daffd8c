#!/usr/bin/env node
// @ts-check
/**
 * npm run lint:workflows: validates GitHub Actions workflow files against SchemaStore's github-workflow schema,
 * with @action-validator/core (a WebAssembly build of action-validator that carries the schema inside it, so no
 * network is needed). Plain JavaScript, run without a build, so that CI can lint before compiling anything.
 *
 *   node scripts/lint-workflows.js                 every .github/workflows/*.yml and *.yaml
 *   node scripts/lint-workflows.js <file>...       the files given
 *
 * Exit code 0 when every file is valid, 1 when one is not (each error printed with its path), 2 when there is
 * nothing to check.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { validateWorkflow } = require("@action-validator/core");

/** @param {string} root */
function workflowFiles(root) {
  const dir = path.join(root, ".github", "workflows");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Flattens action-validator's nested errors (a oneOf lists each branch's errors) into unique lines.
 * @param {any[]} errors
 * @returns {string[]}
 */
function describe(errors) {
  /** @type {Set<string>} */
  const lines = new Set();
  const walk = (/** @type {any[]} */ list) => {
    for (const e of list) {
      if (e.states && e.states.length) {
        for (const s of e.states) walk(s.errors || []);
        continue;
      }
      const where = e.path ? e.path : e.location ? `line ${e.location.line}, column ${e.location.column}` : "(document)";
      lines.add(`${where}: ${e.detail || e.title}${e.detail && e.title && !e.detail.includes(e.title) ? ` (${e.title})` : ""}`);
    }
  };
  walk(errors);
  return [...lines];
}

function main() {
  const root = path.join(__dirname, "..");
  const files = process.argv.length > 2 ? process.argv.slice(2) : workflowFiles(root);
  if (files.length === 0) {
    console.error("lint-workflows: no workflow file found under .github/workflows");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const rel = path.relative(process.cwd(), file) || file;
    if (!fs.existsSync(file)) {
      console.error(`${rel}: file not found`);
      failed++;
      continue;
    }
    const result = validateWorkflow(fs.readFileSync(file, "utf8"));
    if (result.errors.length === 0) {
      console.log(`${rel}: valid`);
      continue;
    }
    failed++;
    console.error(`${rel}: does not match the github-workflow schema`);
    for (const line of describe(result.errors)) console.error(`  ${line}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
