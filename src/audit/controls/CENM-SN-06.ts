/** CENM-SN-06: someone hears about a failed backup or copy job. */
import type { Control } from "../types";
import { unique } from "../../domain/resources/values";
import { environmentLabel, evidenceOf, listNames, result, stackEvidence } from "./common";

export const control: Control = {
  id: "CENM-SN-06",
  title: "Failed backups are notified, and the notice reaches someone",
  recommendation: "database-snapshots",
  severity: "error",
  rationale:
    "A schedule that silently stops producing recovery points leaves the snapshot recommendation unmet without " +
    "anyone knowing; failed backup or copy jobs must reach a topic or action group, through vault notifications, " +
    "an event rule or an alert processing rule. Outside dev the route must also deliver: an enabled event rule with " +
    "a target, a topic with at least one subscription, an enabled action group with at least one receiver; an alert " +
    "sent to nobody is no alert. In dev a route that reaches nobody is accepted (teams rarely page on dev). A " +
    "receiver outside the program, or one only the deployment computes, is not judged. An error rather than a " +
    "warning because the gap is invisible until the day a restore is needed. Not applicable when no backup rule is " +
    "declared.",
  evaluate(facts) {
    if (facts.snapshots.rules.length === 0) return result("not-applicable", "No backup rule is declared, so no backup job can fail.", []);
    const routes = facts.snapshots.alertRoutes;
    const evidence = [
      stackEvidence(facts, { failureNotifications: facts.snapshots.failureNotifications, routes: routes.map((r) => ({ via: r.via, destination: r.destination, delivers: r.delivers, detail: r.detail })) }),
      ...facts.snapshots.vaults.map((v) => evidenceOf(v.urn, { notifiedEvents: v.notifiedEvents })),
    ];
    if (!facts.snapshots.failureNotifications) return result("fail", "No vault notification or event rule reports failed backup or copy jobs.", evidence);
    const delivering = routes.filter((r) => r.delivers === true);
    if (delivering.length > 0) {
      return result("pass", `Failed backup and copy jobs are announced and delivered (${listNames(unique(delivering.map((r) => r.detail)))}).`, evidence);
    }
    if (facts.environment === "dev") {
      return result("pass", `Failed backup and copy jobs are routed; in dev a route that reaches nobody is accepted (${listNames(unique(routes.map((r) => r.detail)))}).`, evidence);
    }
    const unknown = routes.filter((r) => r.delivers === "unknown");
    if (unknown.length > 0) return result("unknown", `Not judged: failed jobs are routed, but whether anyone receives them cannot be told (${listNames(unique(unknown.map((r) => r.detail)))}).`, evidence);
    return result("fail", `Failed backup and copy jobs are routed but reach nobody in environment ${environmentLabel(facts)}: ${listNames(unique(routes.map((r) => r.detail)))}.`, evidence);
  },
};
