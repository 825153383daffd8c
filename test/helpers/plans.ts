/**
 * Offline plans of the shipped stacks, shared by the test suites that only read them (the audit's, the DR-copy
 * checks): each stack is planned once per change of the sources, the stack files or the lock file, and kept as
 * JSON in the system's temporary directory, so that a suite reading a plan does not load the providers and plan
 * again. test/stacks/plan.test.ts always plans for real.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planStack, type StackPlan } from "../../src/offline/plan";

const ROOT = path.join(__dirname, "..", "..");
const CACHE = path.join(os.tmpdir(), "cenm-backup-plan-cache");

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

let sourceKey: string | undefined;
/** A digest of everything a plan depends on: the sources, the stack files and the locked dependencies. */
function key(): string {
  if (sourceKey) return sourceKey;
  const h = createHash("sha256");
  for (const f of [...files(path.join(ROOT, "src")), ...files(path.join(ROOT, "stacks")), path.join(ROOT, "package-lock.json")]) {
    h.update(path.relative(ROOT, f)).update("\0").update(fs.readFileSync(f)).update("\0");
  }
  sourceKey = h.digest("hex").slice(0, 16);
  return sourceKey;
}

/** The plan of a shipped stack (or its preview), from the cache when the inputs have not changed. */
export async function plannedStack(stack: string, options: { preview?: boolean } = {}): Promise<StackPlan> {
  const file = path.join(CACHE, `${stack}${options.preview ? "-preview" : ""}-${key()}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as StackPlan;
  const planned = await planStack(stack, options);
  fs.mkdirSync(CACHE, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const text = JSON.stringify(planned);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
  // The same plain copy a cached read gives.
  return JSON.parse(text) as StackPlan;
}
