/**
 * The inquiry of a protection container's file shares (src/components/azure/shareInquiry.ts): the request it sends,
 * how it follows Azure's asynchronous operation, when it gives up, and when the resource is replaced.
 */
import { inquiryProvider, inquiryUrl, runInquiry, type InquiryDeps } from "../../../src/components/azure/shareInquiry";

const CONTAINER = "/subscriptions/s/resourceGroups/cenm-rg/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/StorageContainer;Storage;cenm-rg;cenmfiles";
const REQ = { armEndpoint: "https://management.azure.com", containerId: CONTAINER, apiVersion: "2024-10-01", token: "t0ken" };
const FILTER = "backupManagementType eq 'AzureStorage'";

type Answer = { status: number; headers?: Record<string, string>; body?: string };

/** Fake fetch answering `answers` in order, recording every call; a clock advanced only by sleep. */
function fakes(answers: Answer[]) {
  const calls: { url: string; method: string; headers: Record<string, string> }[] = [];
  const sleeps: number[] = [];
  let clock = 0;
  const deps: InquiryDeps = {
    fetch: async (url, init) => {
      calls.push({ url, method: init.method, headers: init.headers });
      const a = answers.shift();
      if (!a) throw new Error(`unexpected call ${init.method} ${url}`);
      return { status: a.status, headers: { get: (n: string) => a.headers?.[n.toLowerCase()] ?? null }, text: async () => a.body ?? "" };
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
  };
  return { deps, calls, sleeps };
}

describe("the inquiry request", () => {
  it("POSTs Inquire on the container, its semicolons encoded, for Azure Files shares", () => {
    const url = inquiryUrl(REQ, FILTER);
    expect(url).toBe(
      "https://management.azure.com/subscriptions/s/resourceGroups/cenm-rg/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/StorageContainer%3BStorage%3Bcenm-rg%3Bcenmfiles/inquire?api-version=2024-10-01&$filter=backupManagementType%20eq%20'AzureStorage'",
    );
  });
});

describe("runInquiry", () => {
  it("follows the Location of an accepted inquiry until Azure answers 204, honouring Retry-After", async () => {
    const { deps, calls, sleeps } = fakes([
      { status: 202, headers: { location: "https://management.azure.com/op/1", "retry-after": "5" } },
      { status: 202, headers: {} },
      { status: 204 },
    ]);
    await runInquiry(REQ, deps, FILTER, 60_000, 10_000);
    expect(calls.map((c) => [c.method, c.url.split("?")[0].split("/").pop()])).toEqual([
      ["POST", "inquire"],
      ["GET", "1"],
      ["GET", "1"],
    ]);
    for (const c of calls) expect(c.headers.Authorization).toBe("Bearer t0ken");
    expect(sleeps).toEqual([5000, 10_000]);
  });

  it("is done at once when Azure answers 200", async () => {
    const { deps, calls, sleeps } = fakes([{ status: 200 }]);
    await runInquiry(REQ, deps, FILTER, 60_000, 10_000);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("fails, naming the container and Azure's answer, when the inquiry is refused or fails", async () => {
    await expect(runInquiry(REQ, fakes([{ status: 403, body: "AuthorizationFailed" }]).deps, FILTER, 60_000, 10_000)).rejects.toThrow(
      /inquiry of .*StorageContainer;Storage;cenm-rg;cenmfiles: refused \(HTTP 403: AuthorizationFailed\)/,
    );
    await expect(runInquiry(REQ, fakes([{ status: 202, headers: { location: "https://x/op" } }, { status: 500, body: "boom" }]).deps, FILTER, 60_000, 10_000)).rejects.toThrow(/failed \(HTTP 500: boom\)/);
    await expect(runInquiry(REQ, fakes([{ status: 202 }]).deps, FILTER, 60_000, 10_000)).rejects.toThrow(/without a Location header/);
  });

  it("asks for another pulumi up when Azure Resource Manager refuses the token itself (401)", async () => {
    await expect(runInquiry(REQ, fakes([{ status: 401, body: "ExpiredAuthenticationToken" }]).deps, FILTER, 60_000, 10_000)).rejects.toThrow(
      /refused \(HTTP 401: ExpiredAuthenticationToken\); the deploying credentials' token was refused \(expired or revoked\): run `pulumi up` again/,
    );
    await expect(runInquiry(REQ, fakes([{ status: 202, headers: { location: "https://x/op" } }, { status: 401 }]).deps, FILTER, 60_000, 10_000)).rejects.toThrow(/failed \(HTTP 401: \); .*run `pulumi up` again/);
    // A 403 is the caller's rights, not the token's age: no such hint.
    await expect(runInquiry(REQ, fakes([{ status: 403, body: "AuthorizationFailed" }]).deps, FILTER, 60_000, 10_000)).rejects.toThrow(/AuthorizationFailed\)$/);
  });

  it("gives up once the timeout would pass", async () => {
    const answers: Answer[] = [{ status: 202, headers: { location: "https://x/op" } }, ...Array.from({ length: 10 }, () => ({ status: 202 }))];
    const { deps, calls } = fakes(answers);
    await expect(runInquiry(REQ, deps, FILTER, 30_000, 10_000)).rejects.toThrow(/not finished after 1 minutes/);
    // 10 s, 20 s, 30 s: a fourth wait would pass the 30 s deadline.
    expect(calls).toHaveLength(4);
  });
});

describe("the inquiry resource", () => {
  const olds = { armEndpoint: "a", apiVersion: "v", containerId: "c", shareNames: ["cenm-signer", "cenm-zone"], token: "old" };

  it("is replaced, so that the inquiry runs again, when the container or the share list changes", async () => {
    expect(await inquiryProvider.diff!("id", olds, { ...olds, shareNames: ["cenm-auth", "cenm-signer", "cenm-zone"] })).toEqual({ changes: true, replaces: ["shareNames"], deleteBeforeReplace: false });
    expect(await inquiryProvider.diff!("id", olds, { ...olds, containerId: "c2" })).toEqual({ changes: true, replaces: ["containerId"], deleteBeforeReplace: false });
  });

  it("keeps still when only the token changes (a new one is issued every deployment)", async () => {
    expect(await inquiryProvider.diff!("id", olds, { ...olds, token: "new" })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });
});
