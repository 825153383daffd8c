/**
 * The deletion lock every Azure component puts on its stateful resources: a CanNotDelete management lock when
 * protection is on, outside dev (where `pulumi destroy` must complete). Lifting one is a deliberate act.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { ProtectionArgs } from "../types";

/** Whether a component's stateful resources get deletion locks: protection on, and not a dev stack. */
export function locksDeletion(args: { protection: ProtectionArgs; environment: string }): boolean {
  return args.protection.enabled && args.environment !== "dev";
}

/**
 * Declares `<logicalName>`, a CanNotDelete lock on `scope` whose notes say what it guards, when
 * {@link locksDeletion} holds; nothing otherwise.
 */
export function deletionLock(
  logicalName: string,
  scope: pulumi.Input<string>,
  notes: string,
  args: { protection: ProtectionArgs; environment: string },
  parent: pulumi.Resource,
): authorization.ManagementLockByScope | undefined {
  if (!locksDeletion(args)) return undefined;
  return new authorization.ManagementLockByScope(logicalName, { scope, level: "CanNotDelete", notes }, { parent });
}
