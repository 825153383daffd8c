/**
 * The change judgement: what a pull request (two offline plans) or a preview (Pulumi's own steps) does to the data
 * of a deployed stack. Seven rules, CENM-CH-01 to 07: a stateful resource replaced or deleted, a protection lifted,
 * a lock removed or lowered, a retention or lock bound shortened, a DR copy moved into the primary region, a
 * logical rename without an alias. In prod (or where the environment is unknown) each is an error unless a waiver
 * names it (`CENM-CH-01:<logical name>`, with a written reason and no past expiry, like every waiver); elsewhere a
 * warning. A replacement the offline comparison cannot settle (the dossier leaves it to the provider) is a warning
 * everywhere: the real preview decides.
 */
import { changeWaiverId, type ChangeRuleId } from "../../domain/controls";
import { DATA_LOSING_TYPES, STATEFUL_HOLDS } from "../../domain/resources/stateful";
import { waiverIsValid } from "../evaluate";
import type { AuditResource, Waiver } from "../types";
import { changedPaths, isChangeable, sameValue } from "./compare";
import type { ChangeFinding, ChangeJudgement, ChangeRule, ChangeSet, ChangeSeverity, ResourceChange } from "./types";
import { LOCK_TYPES_ALL, liftedProtections, loweredBounds, loweredLocks, movedIntoPrimary, valueAt, type Weakening } from "./weakenings";

export const CHANGE_RULES: Readonly<Record<ChangeRuleId, ChangeRule>> = {
  "CENM-CH-01": {
    id: "CENM-CH-01",
    title: "Stateful resource replaced",
    avoid:
      "keep the forcing inputs as deployed; if the difference is only drift the provider reports, name them in ignoreChanges; if the new value is needed, migrate in stages (declare the new resource beside the old one, copy the data into it, switch CENM over, then remove the old one in a later change)",
  },
  "CENM-CH-02": {
    id: "CENM-CH-02",
    title: "Stateful resource deleted",
    avoid: "keep it declared; to retire it, take a final copy first and remove it in a change of its own, with a waiver that says where the copy is",
  },
  "CENM-CH-03": { id: "CENM-CH-03", title: "Protection lifted", avoid: "keep the protection; lift it only in a change of its own that says why, with a waiver" },
  "CENM-CH-04": { id: "CENM-CH-04", title: "Lock removed or lowered", avoid: "keep the lock: while it is gone or lower, the data it guards can be deleted early" },
  "CENM-CH-05": {
    id: "CENM-CH-05",
    title: "Retention or lock bound shortened",
    avoid: "keep the bound; shorten it only in a change of its own, with a waiver, knowing that recovery points older than the new bound can go",
  },
  "CENM-CH-06": { id: "CENM-CH-06", title: "DR copy moved into the primary region", avoid: "keep the copy in the DR region: in the primary region it is lost with what it copies" },
  "CENM-CH-07": {
    id: "CENM-CH-07",
    title: "Renamed without an alias",
    avoid: "give the renamed resource an alias to its old name (aliases: [{ name: \"<old name>\" }], or its old parent), so that Pulumi moves its state instead of deleting it and creating a new one",
  },
};

export interface JudgeContext {
  /** The head's environment (stack output `environment`, or the tags); unknown is judged as prod. */
  environment?: string;
  /** The head's and the base's primary regions. */
  primaryRegion?: string;
  basePrimaryRegion?: string;
  waivers: readonly Waiver[];
  today: Date;
}

/** Short JSON of a value for a message. */
function shown(v: unknown): string {
  if (v === undefined) return "unset";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function isStateful(type: string): boolean {
  return DATA_LOSING_TYPES.has(type);
}

function holds(type: string): string {
  return STATEFUL_HOLDS[type] ?? "what it holds";
}

/**
 * `engine "postgres" -> "mysql"` for each input, from the two declarations; an object input is shown by the fields
 * that changed in it (`network.delegatedSubnetResourceId "a" -> "b"`), at most three per input.
 */
function valuesMoved(paths: readonly string[], before: AuditResource | undefined, after: AuditResource | undefined): string {
  if (!before || !after) return paths.join(", ");
  return paths
    .map((p) => {
      const leaves = changedPaths(valueAt(before.inputs, p), valueAt(after.inputs, p), p);
      const shownLeaves = (leaves.length > 0 ? leaves : [p]).slice(0, 3).map((l) => `${l} ${shown(valueAt(before.inputs, l))} -> ${shown(valueAt(after.inputs, l))}`);
      return leaves.length > 3 ? `${shownLeaves.join(", ")} (and ${leaves.length - 3} more)` : shownLeaves.join(", ");
    })
    .join(", ");
}

/** Pairs each deletion with a creation of the same type that looks like it (a logical rename without an alias). */
function renames(changes: readonly ResourceChange[]): Map<ResourceChange, ResourceChange> {
  // An old copy left pending deletion is not a resource the program stopped declaring.
  const deleted = changes.filter((c) => c.op === "delete" && c.before && c.oldCopyId === undefined);
  const created = changes.filter((c) => c.op === "create" && c.after);
  const pairs = new Map<ResourceChange, ResourceChange>();
  const taken = new Set<ResourceChange>();
  for (const d of deleted) {
    let best: ResourceChange | undefined;
    let bestScore = -1;
    for (const c of created) {
      if (taken.has(c) || c.type !== d.type) continue;
      const keys = new Set([...Object.keys(d.before!.inputs), ...Object.keys(c.after!.inputs)]);
      let same = 0;
      for (const k of keys) if (sameValue(d.before!.inputs[k], c.after!.inputs[k])) same++;
      const score = keys.size === 0 ? 1 : same / keys.size;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    // Half the inputs alike, or the only resource of its type created: the same resource under a new name.
    const onlyOne = created.filter((c) => c.type === d.type && !taken.has(c)).length === 1;
    if (best && (bestScore >= 0.5 || onlyOne)) {
      pairs.set(d, best);
      taken.add(best);
    }
  }
  return pairs;
}

/** Judges a change set: the findings, with their severity and waivers, and the lists the PR comment leads with. */
export function judgeChange(set: ChangeSet, ctx: JudgeContext): ChangeJudgement {
  const prodLike = ctx.environment === undefined || ctx.environment === "prod";
  const day = ctx.today.toISOString().slice(0, 10);
  const valid = ctx.waivers.filter((w) => waiverIsValid(w, day));
  const changes = set.changes.filter((c) => isChangeable((c.after ?? c.before)!));
  const findings: ChangeFinding[] = [];
  const add = (rule: ChangeRuleId, c: ResourceChange, severity: ChangeSeverity, properties: string[], message: string, avoid?: string, names: string[] = [c.name]) => {
    const waiver = valid.find((w) => names.some((n) => w.id === changeWaiverId(rule, n)));
    findings.push({
      rule,
      title: CHANGE_RULES[rule].title,
      resource: c.name,
      type: c.type,
      urn: c.urn,
      severity,
      properties,
      message,
      avoid: avoid ?? CHANGE_RULES[rule].avoid,
      ...(waiver ? { waiver } : {}),
    });
  };
  const weight: ChangeSeverity = prodLike ? "error" : "warning";

  const renamed = renames(changes);
  const renamedTo = new Set(renamed.values());
  for (const [d, c] of renamed) {
    const stateful = isStateful(d.type);
    add(
      "CENM-CH-07",
      c,
      stateful ? weight : "info",
      [],
      `renames ${d.name} to ${c.name} (${c.type}) without an alias: Pulumi deletes ${d.name}${stateful ? `, and with it ${holds(d.type)},` : ""} and creates ${c.name} as a new resource${stateful ? " that starts empty" : ""}.`,
      CHANGE_RULES["CENM-CH-07"].avoid.replace("<old name>", d.name),
      [d.name, c.name],
    );
  }

  for (const c of changes) {
    const stateful = isStateful(c.type);
    if (c.op === "replace" && stateful) {
      const reasons = c.replaceReasons.length > 0 ? c.replaceReasons : c.diffReasons;
      // Pulumi refuses to replace a resource protected before and after the change (step_generator.go: old and new
      // protect both set); lifting protect in the same change lets the replacement through.
      const protectedNote =
        c.refused === "replace"
          ? " Pulumi refuses it while the resource is protected: the preview reports the refusal and exits 1, and `pulumi up` stops at this replacement until protection is lifted in a change of its own."
          : c.before?.protect && c.after?.protect !== false
            ? " protect is on, so `pulumi up` stops at this replacement; lifting protect would let it through."
            : c.before?.protect
              ? " protect is lifted in the same change, so nothing stops this replacement."
              : "";
      const loss = c.before?.retainOnDelete
        ? `The stack moves to a new, empty one; retainOnDelete leaves the old one in the cloud, outside the stack, with ${holds(c.type)}.`
        : `The new one starts empty and the old one is deleted with ${holds(c.type)}.`;
      add(
        "CENM-CH-01",
        c,
        weight,
        reasons,
        `replaces ${c.name} (${c.type}): ${reasons.length > 0 ? `${valuesMoved(reasons, c.before, c.after)} ${reasons.length === 1 ? "forces" : "force"} a new one` : "Pulumi replaces it"}. ${loss}${protectedNote}`,
        reasons.length > 0 ? CHANGE_RULES["CENM-CH-01"].avoid.replace("the forcing inputs", reasons.join(", ")).replace("name them", reasons.length === 1 ? "name it" : "name them") : undefined,
      );
    } else if (c.op === "update" && stateful && c.uncertain.length > 0) {
      add(
        "CENM-CH-01",
        c,
        "warning",
        c.uncertain,
        `may replace ${c.name} (${c.type}): ${valuesMoved(c.uncertain, c.before, c.after)} ${c.uncertain.length === 1 ? "changes" : "change"}, and whether that is an update, a replacement or a refusal is the provider's decision (resource dossier: provider-decided, or no row). A replacement would lose ${holds(c.type)}: read the real preview (pulumi preview) before merging.`,
      );
    } else if (c.op === "delete" && c.oldCopyId !== undefined) {
      // A copy an earlier replacement left pending deletion: the live resource stays; the copy goes with what it holds.
      if (stateful) {
        const kept = c.before?.retainOnDelete;
        add(
          "CENM-CH-02",
          c,
          kept ? "info" : weight,
          [],
          `deletes an old copy of ${c.name} (${c.type}, id ${c.oldCopyId}) that an earlier replacement left pending deletion when it did not finish; the live ${c.name} stays. ${kept ? "retainOnDelete leaves the copy in the cloud, outside the stack." : `The copy goes with ${holds(c.type)} as they were when it was replaced.`}`,
          `check that nothing in the old copy (id ${c.oldCopyId}) is still needed, or take a final copy of it, before the update that deletes it; a waiver records the decision`,
        );
      }
    } else if (c.op === "delete" && !renamed.has(c)) {
      if (stateful) {
        const kept = c.before?.retainOnDelete ? ` retainOnDelete would leave it in the cloud, no longer managed by the stack.` : "";
        const refused =
          c.refused === "delete"
            ? " Pulumi refuses it while the resource is protected: the preview reports the refusal and exits 1, and `pulumi up` stops at this deletion until protection is lifted."
            : c.before?.protect
              ? " protect is on, so `pulumi up` stops at this deletion until protection is lifted."
              : "";
        add("CENM-CH-02", c, weight, [], `deletes ${c.name} (${c.type}) and with it ${holds(c.type)}.${refused}${kept}`);
      } else if (LOCK_TYPES_ALL.has(c.type)) {
        add("CENM-CH-04", c, weight, [], `deletes the lock ${c.name} (${c.type}): what it guards can then be deleted, or its recovery points removed early.`);
      }
    }

    if (c.before && c.after && !renamedTo.has(c)) {
      if (stateful) {
        const lifted: Weakening[] = [];
        if (c.before.protect && !c.after.protect) lifted.push({ path: "protect", what: "Pulumi's protect (pulumi up and destroy refuse to delete the resource)", before: true, after: false });
        if (c.before.retainOnDelete && !c.after.retainOnDelete) lifted.push({ path: "retainOnDelete", what: "Pulumi's retainOnDelete (a deletion leaves the resource in the cloud)", before: true, after: false });
        lifted.push(...liftedProtections(c.before, c.after));
        if (lifted.length > 0) {
          add("CENM-CH-03", c, weight, lifted.map((l) => l.path), `lifts protection on ${c.name} (${c.type}): ${lifted.map((l) => `${l.path} ${shown(l.before)} -> ${shown(l.after)} (${l.what})`).join("; ")}. A later deletion or replacement would then lose ${holds(c.type)}.`);
        }
      } else {
        const lifted = liftedProtections(c.before, c.after);
        if (lifted.length > 0) add("CENM-CH-03", c, weight, lifted.map((l) => l.path), `lifts protection on ${c.name} (${c.type}): ${lifted.map((l) => `${l.path} ${shown(l.before)} -> ${shown(l.after)} (${l.what})`).join("; ")}.`);
      }
      const locks = loweredLocks(c.before, c.after);
      if (locks.length > 0) add("CENM-CH-04", c, weight, locks.map((l) => l.path), `lowers ${locks.map((l) => `${l.what}: ${l.path} ${shown(l.before)} -> ${shown(l.after)}`).join("; ")} on ${c.name} (${c.type}).`);
      const bounds = loweredBounds(c.before, c.after);
      if (bounds.length > 0) add("CENM-CH-05", c, weight, bounds.map((b) => b.path), `shortens ${bounds.map((b) => `${b.what}: ${b.path} ${b.before} -> ${b.after} days`).join("; ")} on ${c.name} (${c.type}).`);
      const moved = movedIntoPrimary(c.before, c.after, ctx.primaryRegion, ctx.basePrimaryRegion);
      if (moved.length > 0) {
        add("CENM-CH-06", c, weight, moved.map((m) => m.path), `moves ${moved.map((m) => `${m.what} (${m.path}) from ${m.before} into the primary region ${m.after}`).join("; ")} on ${c.name} (${c.type}): a regional outage would take the copy with the original.`);
      }
    }
  }

  const names = (op: ResourceChange["op"]) => changes.filter((c) => c.op === op).map((c) => (c.oldCopyId !== undefined ? `${c.name} (old copy ${c.oldCopyId})` : c.name));
  const count = (op: ResourceChange["op"]) => changes.filter((c) => c.op === op).length;
  return {
    basis: set.basis,
    base: set.base,
    counts: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete") },
    replaces: names("replace"),
    deletes: names("delete"),
    liftsProtection: [...new Set(findings.filter((f) => f.rule === "CENM-CH-03").map((f) => f.resource))],
    findings,
    errorsFailing: findings.filter((f) => f.severity === "error" && !f.waiver).length,
    ...(set.notes && set.notes.length > 0 ? { notes: [...set.notes] } : {}),
  };
}
