/** CENM-GN-08: no network holding keys or data has a path to the Internet. */
import type { Control, Evidence, NetworkFact } from "../types";
import { listNames, result } from "./common";

function evidenceOf(n: NetworkFact): Evidence {
  return {
    resource: n.name,
    type: n.type,
    properties: {
      holds: n.holds,
      serves: n.serves,
      routeTables: n.routeTables,
      pathsToInternet: n.paths.filter((p) => !p.unknown).map((p) => `${p.name}: ${p.reason}`),
      ...(n.paths.some((p) => p.unknown) ? { notKnownUntilDeployment: n.paths.filter((p) => p.unknown).map((p) => `${p.name}: ${p.unknown}`) } : {}),
      ...(n.notJudged.length > 0 ? { notJudged: n.notJudged } : {}),
    },
  };
}

export const control: Control = {
  id: "CENM-GN-08",
  title: "No path to the Internet from the networks holding keys and data",
  recommendation: "general",
  severity: "error",
  rationale:
    "R3 wants the key copies on storage not connected to the Internet, and the package keeps its data networks " +
    "closed too. A network has a path when a route of a table serving it sends public addresses (0.0.0.0/0, ::/0, " +
    "any public block or service tag) to an Internet, egress-only or NAT gateway, or hands them to a transit " +
    "gateway, VPN gateway or appliance whose onward path the program does not show; when an Internet or NAT " +
    "gateway is attached to a key vault VPC; or, on Azure, when a subnet keeps the system route to the Internet " +
    "with a NAT gateway or default outbound access. Gateways count whether declared in the program or named by id. " +
    "Networks: the VPC of every endpoint a key escrow is confined to and of every CloudHSM cluster; the subnets of " +
    "databases and file systems; on Azure the subnets of private endpoints and delegated database subnets. A route " +
    "table the program does not declare (a VPC's main table) is reported as not judged, never as a path. Not " +
    "applicable when no such network is declared.",
  evaluate(facts) {
    const networks = facts.networks ?? [];
    if (networks.length === 0) return result("not-applicable", "No network holding keys or data is declared.", []);
    const evidence = networks.map(evidenceOf);
    const open = networks.filter((n) => n.paths.some((p) => !p.unknown));
    if (open.length > 0) {
      const first = open[0].paths.find((p) => !p.unknown)!;
      return result("fail", `Path to the Internet from ${listNames(open.map((n) => `${n.name} (${n.holds})`))}: ${first.name}: ${first.reason}.`, evidence);
    }
    const unknown = networks.filter((n) => n.paths.some((p) => p.unknown));
    if (unknown.length > 0) {
      const first = unknown[0].paths.find((p) => p.unknown)!;
      return result("unknown", `Not judged: whether ${listNames(unknown.map((n) => n.name))} reach the Internet (${first.name}: ${first.unknown}); no other network has a path.`, evidence);
    }
    const notJudged = networks.filter((n) => n.notJudged.length > 0).length;
    return result(
      "pass",
      `None of the ${networks.length} networks holding keys or data has a path to the Internet${notJudged > 0 ? ` (${notJudged} ${notJudged === 1 ? "relies" : "rely"} on what the program does not declare: see the evidence)` : ""}.`,
      evidence,
    );
  },
};
