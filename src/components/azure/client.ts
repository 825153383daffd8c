/**
 * The tenant, subscription and principal of the deploying credentials (key vault tenants, role definitions,
 * the default Entra administrator). Like the AWS account context: a program looks them up once and hands the
 * result to its components (`client` in their args); a component left without it looks them up itself.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { givenOr } from "../lookup";

/** The deploying credentials as azure-native's getClientConfig reports them (the same fields, named here). */
export interface ClientContext {
  /** Client (application) id of the credentials. */
  readonly clientId: string;
  /** Object id of the user or service principal. */
  readonly objectId: string;
  /** Subscription id. */
  readonly subscriptionId: string;
  /** Tenant id. */
  readonly tenantId: string;
}

/** One client-configuration lookup, under `parent`'s provider when given. */
export function clientContext(parent?: pulumi.Resource): pulumi.Output<ClientContext> {
  return authorization.getClientConfigOutput(parent ? { parent } : {});
}

/** The client context a component was given, or its own lookup when it was given none. */
export function clientOf(parent: pulumi.Resource, given: pulumi.Input<ClientContext> | undefined): pulumi.Output<ClientContext> {
  return givenOr(given, () => clientContext(parent));
}
