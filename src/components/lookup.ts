import * as pulumi from "@pulumi/pulumi";

/**
 * A lookup the program did once and handed to a component (the deploying account, tenant or subscription), or
 * the component's own lookup when it was handed none.
 */
export function givenOr<T>(given: pulumi.Input<T> | undefined, lookUp: () => pulumi.Output<T>): pulumi.Output<T> {
  if (given === undefined) return lookUp();
  return pulumi.Output.isInstance(given) ? (given as pulumi.Output<T>) : (pulumi.output(given) as pulumi.Output<T>);
}
