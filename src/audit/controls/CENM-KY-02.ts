/** CENM-KY-02: no key copy can be reached from the Internet. */
import type { Control } from "../types";
import { keyEvidence, listNames, nameFromUrn, result } from "./common";

export const control: Control = {
  id: "CENM-KY-02",
  title: "No key copy reachable from the Internet",
  recommendation: "key-storage",
  severity: "error",
  rationale:
    "R3 wants the key copies on storage not connected to the Internet. A cloud copy qualifies when public access " +
    "is blocked, its policy refuses every request that does not come through a private endpoint the program " +
    "declares (an endpoint named only by its id is in a network nothing here shows closed), and the network of " +
    "that endpoint has no path to the Internet (routes to a gateway, declared or named by id, as CENM-GN-08 reads " +
    "them); offline copies qualify by nature. Not applicable when no key copy is declared (CENM-KY-01 fails then).",
  evaluate(facts) {
    const copies = facts.keyCopies;
    if (copies.length === 0) return result("not-applicable", "No key copy is declared.", []);
    const evidence = copies.map((c) =>
      keyEvidence(
        c,
        c.reachabilityUnknown
          ? { internetReachable: "unknown", why: c.reachabilityUnknown }
          : { internetReachable: c.internetReachable, ...(c.internetReachable && c.reachableBecause ? { because: c.reachableBecause } : {}) },
      ),
    );
    const reachable = copies.filter((c) => c.internetReachable && !c.reachabilityUnknown);
    const failing = reachable.map((c) => nameFromUrn(c.id));
    const why = reachable.find((c) => c.reachableBecause?.length)?.reachableBecause?.[0];
    if (failing.length > 0) return result("fail", `Key cop${failing.length === 1 ? "y" : "ies"} reachable from the Internet: ${listNames(failing)}${why ? ` (${why})` : ""}.`, evidence);
    const unknown = copies.filter((c) => c.reachabilityUnknown);
    if (unknown.length > 0) {
      return result("unknown", `Not judged: whether ${listNames(unknown.map((c) => nameFromUrn(c.id)))} can be reached from the Internet (${unknown[0].reachabilityUnknown}); no other key copy is reachable.`, evidence);
    }
    return result("pass", `None of the ${copies.length} key copies is reachable from the Internet.`, evidence);
  },
};
