/**
 * The inquiry that makes Azure Backup see a storage account's file shares before they are protected.
 *
 * Azure Backup protects a share only once it is listed among the vault's protectable items, and it lists a share
 * created after its account was registered (the protection container) only after an inquiry of that container has
 * run: Microsoft's REST walkthrough of a share backup inquires between registering the account and protecting a
 * share (AZURE_DOCS.fileShareRestBackup), and terraform-provider-azurerm inquires before every protection because of
 * it (AZURE_DOCS.terraformFileShareInquiry, its issue 11184). The azure-native provider finds a share's internal item
 * name by listing the protectable items without inquiring (AZURE_DOCS.fileShareProtectedItem), and exposes the
 * inquiry neither as a resource nor as a function. So the file store declares the inquiry itself: a Pulumi dynamic
 * resource (`pulumi-nodejs:dynamic:Resource`) that, when it is created, calls Protection Containers - Inquire
 * (AZURE_DOCS.protectionContainerInquire) and follows the asynchronous operation's Location header until Azure
 * answers 200 or 204.
 *
 * Its inputs are the container and the sorted share names: adding or removing a share replaces it, so the inquiry
 * runs again before the new share's protected item, which depends on it, is created. Deleting it does nothing (an
 * inquiry leaves nothing behind). It authenticates with an Azure Resource Manager token of the deploying
 * credentials (azure-native's getClientToken), held as a secret input. The file store asks for that token only once
 * the protection container exists (the invoke depends on it), so that it is fresh when the inquiry runs, not the one
 * of the program's start, which a first deployment's role-propagation waits and creations may have outlived; a
 * token Azure refuses all the same (401) fails with a message asking for `pulumi up` again, which takes a new one.
 * The provider code below is serialized into the resource's state by Pulumi, so it uses only Node's globals (fetch,
 * setTimeout, encodeURIComponent).
 */
import * as pulumi from "@pulumi/pulumi";

/** Azure Resource Manager of the public cloud, the endpoint the token of getClientToken is issued for by default. */
export const ARM_ENDPOINT = "https://management.azure.com";

/** REST API version of the inquiry: the Recovery Services backup version azure-native 3.x uses for containers. */
export const INQUIRY_API_VERSION = "2024-10-01";

// The provider below is serialized with what it captures; module-level exported constants would drag the whole
// module (`exports`) along, so it reads these local ones.
const FILTER = "backupManagementType eq 'AzureStorage'";
const TIMEOUT_MS = 30 * 60 * 1000;
const POLL_MS = 10 * 1000;

/** The filter of the inquiry: Azure Files shares (backup management type AzureStorage). */
export const INQUIRY_FILTER = FILTER;

/** How long the inquiry may take before the deployment gives up, and how often its operation is polled. */
export const INQUIRY_TIMEOUT_MS = TIMEOUT_MS;
export const INQUIRY_POLL_MS = POLL_MS;

/** One inquiry request. */
export interface InquiryRequest {
  armEndpoint: string;
  /** ARM id of the protection container (`.../backupFabrics/Azure/protectionContainers/StorageContainer;...`). */
  containerId: string;
  apiVersion: string;
  /** Bearer token for Azure Resource Manager. */
  token: string;
}

/** What the inquiry needs from its surroundings (the real ones in a deployment, fakes in tests). */
export interface InquiryDeps {
  fetch: (url: string, init: { method: string; headers: Record<string, string> }) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** The URL of the Inquire operation of a container (each path segment encoded: container names hold semicolons). */
export function inquiryUrl(req: Pick<InquiryRequest, "armEndpoint" | "containerId" | "apiVersion">, filter: string): string {
  const path = req.containerId
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return `${req.armEndpoint}${path}/inquire?api-version=${encodeURIComponent(req.apiVersion)}&$filter=${encodeURIComponent(filter)}`;
}

/**
 * Runs the inquiry of `req.containerId` and waits for it: POST Inquire, then GET the Location it answers until Azure
 * says 200 or 204 (202: still running, retried after Retry-After seconds, else `pollMs`). Any other status, a 202
 * without Location, or `timeoutMs` elapsed is an error naming the container.
 */
export async function runInquiry(req: InquiryRequest, deps: InquiryDeps, filter: string, timeoutMs: number, pollMs: number): Promise<void> {
  const headers = { Authorization: `Bearer ${req.token}` };
  const fail = async (what: string, res?: { status: number; text(): Promise<string> }): Promise<never> => {
    const body = res ? ` (HTTP ${res.status}: ${(await res.text()).slice(0, 500)})` : "";
    // 401: Resource Manager refused the token itself (expired or revoked), not the caller's rights.
    const hint = res?.status === 401 ? "; the deploying credentials' token was refused (expired or revoked): run `pulumi up` again, which takes a new one" : "";
    throw new Error(`Azure Backup inquiry of ${req.containerId}: ${what}${body}${hint}`);
  };
  const started = await deps.fetch(inquiryUrl(req, filter), { method: "POST", headers });
  if (started.status === 200 || started.status === 204) return;
  if (started.status !== 202) return fail("refused", started);
  const location = started.headers.get("location");
  if (!location) return fail("accepted without a Location header to follow");
  const deadline = deps.now() + timeoutMs;
  let wait = Number(started.headers.get("retry-after")) * 1000 || pollMs;
  for (;;) {
    if (deps.now() + wait > deadline) return fail(`not finished after ${Math.round(timeoutMs / 60000)} minutes`);
    await deps.sleep(wait);
    const res = await deps.fetch(location, { method: "GET", headers });
    if (res.status === 200 || res.status === 204) return;
    if (res.status !== 202) return fail("failed", res);
    wait = Number(res.headers.get("retry-after")) * 1000 || pollMs;
  }
}

/** Inputs of the inquiry resource as the provider receives them. */
interface InquiryInputs {
  armEndpoint: string;
  apiVersion: string;
  containerId: string;
  shareNames: string[];
  token: string;
}

/** The dynamic provider: create inquires; a changed container or share list replaces; delete does nothing. */
export const inquiryProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: InquiryInputs) {
    await runInquiry(
      inputs,
      { fetch: (url, init) => fetch(url, init), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), now: () => Date.now() },
      FILTER,
      TIMEOUT_MS,
      POLL_MS,
    );
    const outs = { armEndpoint: inputs.armEndpoint, apiVersion: inputs.apiVersion, containerId: inputs.containerId, shareNames: inputs.shareNames };
    return { id: `${inputs.containerId}/inquiries/${inputs.shareNames.join("+")}`, outs };
  },
  async diff(_id: string, olds: InquiryInputs, news: InquiryInputs) {
    const replaces: string[] = [];
    if (olds.containerId !== news.containerId) replaces.push("containerId");
    if (JSON.stringify(olds.shareNames) !== JSON.stringify(news.shareNames)) replaces.push("shareNames");
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  },
  async delete() {
    // An inquiry leaves nothing to remove.
  },
};

/** Args of {@link ShareInquiry}. */
export interface ShareInquiryArgs {
  /** ARM id of the protection container that registers the storage account with the vault. */
  containerId: pulumi.Input<string>;
  /** Names of the shares the inquiry must make protectable (sorted here, so that order never replaces it). */
  shareNames: pulumi.Input<string>[];
  /** Azure Resource Manager token of the deploying credentials; kept as a secret. */
  token: pulumi.Input<string>;
}

/**
 * An inquiry of a protection container's file shares (see the module comment). Declare each share's protected
 * item with `dependsOn` on it.
 */
export class ShareInquiry extends pulumi.dynamic.Resource {
  public readonly containerId!: pulumi.Output<string>;
  public readonly shareNames!: pulumi.Output<string[]>;

  constructor(name: string, args: ShareInquiryArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      inquiryProvider,
      name,
      {
        armEndpoint: ARM_ENDPOINT,
        apiVersion: INQUIRY_API_VERSION,
        containerId: args.containerId,
        shareNames: pulumi.all(args.shareNames).apply((names) => [...names].sort()),
        token: pulumi.secret(args.token),
      },
      opts,
    );
  }
}
