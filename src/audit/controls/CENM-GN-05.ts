/** CENM-GN-05: every data service closed to the Internet keeps a private path for CENM and for a recovery. */
import type { Control, Evidence } from "../types";
import { listNames, result } from "./common";

export const control: Control = {
  id: "CENM-GN-05",
  title: "Services closed to the Internet stay reachable through a private path",
  recommendation: "general",
  severity: "error",
  rationale:
    "Closing a key vault, an escrow or a database to the Internet is right, but a service with no private endpoint " +
    "and no virtual-network integration cannot be reached by CENM or by the people restoring it: its copies exist " +
    "and cannot be used. Each service whose public network access is disabled must name a private path. The " +
    "trusted-services bypass admits listed Azure services acting as themselves, never CENM's hosts, so it counts " +
    "only for a Key Vault whose users are those services (one holding the customer-managed keys of other resources, " +
    "not the signing-key vault). Not applicable when the program closes no such service (AWS services here are " +
    "reached through the VPC and its endpoints, which other controls judge).",
  evaluate(facts) {
    const closed = facts.privateAccess ?? [];
    if (closed.length === 0) return result("not-applicable", "No service with public network access disabled is declared.", []);
    const evidence: Evidence[] = closed.map((c) => ({
      resource: c.name,
      type: c.type,
      properties: { publicNetworkAccess: "Disabled", privatePath: c.privatePath ?? null, ...(c.trustedServicesBypass ? { trustedServicesBypass: true } : {}) },
    }));
    const unreachable = closed.filter((c) => c.privatePath === undefined);
    if (unreachable.length > 0) {
      const bypassOnly = unreachable.filter((c) => c.trustedServicesBypass).map((c) => c.name);
      const bypass = "the trusted-services bypass, which admits Azure's own services and not CENM hosts";
      const note = bypassOnly.length === 0 ? "" : bypassOnly.length === unreachable.length ? ` (the only way in is ${bypass})` : ` (${listNames(bypassOnly)}: only ${bypass})`;
      return result("fail", `Closed to the Internet with no private path, so unusable in a recovery: ${listNames(unreachable.map((c) => c.name))}${note}.`, evidence);
    }
    return result("pass", `All ${closed.length} services closed to the Internet keep a private path.`, evidence);
  },
};
