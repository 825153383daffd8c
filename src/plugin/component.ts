/**
 * What every component of the package shares: its type token and the outputs it registers.
 *
 * Pulumi's component provider host serves the components of one module, `index`, under the package's name, which
 * Pulumi's plugin runner reads from package.json (`cenm-backup`): a component class `AwsReplicatedDatabase` is
 * the resource type `cenm-backup:index:AwsReplicatedDatabase`. The classes pass that token to their constructor,
 * so the URN a consumer's program receives carries the type it asked for.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../domain/vocabulary";

/** The package's name in type tokens (package.json's `name`, which is also the Pulumi project's name). */
export const PACKAGE_NAME = PROJECT;

/** The type token of a package component. */
export function componentToken(className: string): string {
  return `${PACKAGE_NAME}:index:${className}`;
}

/**
 * The outputs of a package component, for `registerOutputs`: its own `Output` fields, the URN and the SDK's
 * `__` fields aside.
 */
export function outputsOf(component: pulumi.ComponentResource): pulumi.Inputs {
  return Object.fromEntries(
    Object.entries(component).filter(([key, value]) => key !== "urn" && !key.startsWith("__") && pulumi.Output.isInstance(value)),
  );
}
