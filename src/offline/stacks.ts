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

/**
 * The stack's file: `Pulumi.<stack>.yaml`, or `Pulumi.<stack>.yml` when only that exists (Pulumi reads either).
 * Both at once is refused: which one the Pulumi CLI would read is not something to guess.
 */
export function stackFilePath(stack: string, dir = "stacks"): string {
  const yaml = path.join(dir, `Pulumi.${stack}.yaml`);
  const yml = path.join(dir, `Pulumi.${stack}.yml`);
  const hasYml = fs.existsSync(yml);
  if (hasYml && fs.existsSync(yaml)) throw new StackFileError(`${yaml} and ${yml} both exist; expected one stack file per stack (remove one)`);
  return hasYml ? yml : yaml;
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
