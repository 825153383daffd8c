/**
 * CENM-GN-07: the keys that encrypt everything cannot be destroyed quickly. The windows it holds keys to are the
 * longest the clouds allow, which the components declare (src/domain/keyRetention).
 */
import { KEY_VAULT_SOFT_DELETE_DAYS, KMS_DELETION_WINDOW_DAYS } from "../../domain/keyRetention";
import type { Control, Evidence } from "../types";
import { listNames, result } from "./common";

export const control: Control = {
  id: "CENM-GN-07",
  title: "Encryption keys guarded against crypto-shredding",
  recommendation: "general",
  severity: "error",
  rationale:
    "Destroying the key that encrypts a vault, an escrow or a database erases everything it encrypts, locks " +
    `notwithstanding. A KMS key must keep AWS's longest deletion window (${KMS_DELETION_WINDOW_DAYS} days) so a scheduled deletion can be ` +
    "seen and cancelled, and outside dev its policy must deny scheduling the deletion, and rewriting the policy " +
    "(kms:PutKeyPolicy, which would lift that deny), to everyone but a break-glass principal; an Azure Key Vault must " +
    `keep deleted keys recoverable for the longest retention (${KEY_VAULT_SOFT_DELETE_DAYS} days; purge ` +
    "protection is CENM-KY-06's). A policy or retention only the deployment computes (a preview) is not judged. Not applicable " +
    "when the program declares no such key.",
  evaluate(facts) {
    const keys = facts.protection.filter((p) => p.deletionWindowDays !== undefined || p.deletionDenied !== undefined || p.softDeleteDays !== undefined);
    if (keys.length === 0) return result("not-applicable", "No KMS key or Key Vault is declared.", []);
    const dev = facts.environment === "dev";
    const evidence: Evidence[] = keys.map((k) => ({
      resource: k.name,
      type: k.type,
      properties: { deletionWindowDays: k.deletionWindowDays, deletionDenied: k.deletionDenied, policyChangeDenied: k.policyChangeDenied, softDeleteDays: k.softDeleteDays },
    }));
    const weak: string[] = [];
    const deletable: string[] = [];
    const rewritable: string[] = [];
    for (const k of keys) {
      if (k.deletionWindowDays !== undefined && k.deletionWindowDays < KMS_DELETION_WINDOW_DAYS) weak.push(`${k.name} (deletion window ${k.deletionWindowDays} days)`);
      if (!dev && k.deletionDenied === false) deletable.push(k.name);
      else if (!dev && k.policyChangeDenied === false) rewritable.push(k.name);
      if (typeof k.softDeleteDays === "number" && k.softDeleteDays < KEY_VAULT_SOFT_DELETE_DAYS) weak.push(`${k.name} (deleted keys kept ${k.softDeleteDays} days)`);
    }
    if (deletable.length > 0) weak.push(`${listNames(deletable)} (the key policy lets anyone allowed by IAM schedule the deletion)`);
    if (rewritable.length > 0) {
      weak.push(`${listNames(rewritable)} (the key policy lets anyone allowed by IAM rewrite it, kms:PutKeyPolicy, and so lift the deletion deny: name a break-glass principal)`);
    }
    if (weak.length > 0) return result("fail", `Keys that could be destroyed too quickly: ${listNames(weak)}.`, evidence);
    const unknown = keys.filter((k) => !dev && (k.deletionDenied === "unknown" || k.policyChangeDenied === "unknown"));
    if (unknown.length > 0) {
      return result("unknown", `Not judged: the key policies of ${listNames(unknown.map((k) => k.name))} are computed at deployment (a preview shows them unknown); their deletion windows are ${KMS_DELETION_WINDOW_DAYS} days.`, evidence);
    }
    const unknownRetention = keys.filter((k) => k.softDeleteDays === "unknown");
    if (unknownRetention.length > 0) {
      return result("unknown", `Not judged: the soft-delete retention of ${listNames(unknownRetention.map((k) => k.name))} is computed at deployment (a preview shows it unknown).`, evidence);
    }
    const kms = keys.some((k) => k.deletionDenied !== undefined);
    return result("pass", `All ${keys.length} keys and key vaults keep the longest deletion window or soft-delete retention${dev || !kms ? "" : ", and every KMS key policy denies scheduling deletion and rewriting the policy to all but a break-glass principal"}.`, evidence);
  },
};
