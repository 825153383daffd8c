/**
 * Where stack files live and which stacks exist. Kept free of heavy imports: the command line reads it before it
 * decides how to plan.
 */
import * as fs from "fs";
import * as path from "path";

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export function stackFilePath(stack: string, dir = "stacks"): string {
  return path.join(dir, `Pulumi.${stack}.yaml`);
}

/** Lists the stacks that have a file in `dir`. */
export function listStacks(dir = "stacks"): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}
