/**
 * Reading AWS Backup declarations: which resources a plan's selections cover, and each rule of a plan with its
 * vault, retention, cold-storage transition and copy actions. The platform-limit checks and the audit's snapshot
 * facts both read plans through these functions, so they agree on what a plan backs up and where it copies it.
 */
import type { ResourceGraph } from "./graph";
import type { ResourceView } from "./view";
import { T, VAULT_TYPES } from "./awsTokens";
import { arnRegion, arr, isMarker, isTrue, num, parseJson, rec, str, strings, unique } from "./values";

/** Types AWS Backup can protect, for selections by wildcard or by tag. */
export const BACKUP_SUPPORTED = [
  T.rdsCluster,
  T.rdsInstance,
  T.efsFileSystem,
  T.bucket,
  "aws:dynamodb/table:Table",
  "aws:ebs/volume:Volume",
  "aws:ec2/instance:Instance",
  "aws:fsx/lustreFileSystem:LustreFileSystem",
  "aws:fsx/windowsFileSystem:WindowsFileSystem",
  "aws:fsx/ontapFileSystem:OntapFileSystem",
  "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
];

/** The resources one backup selection covers: listed resources, wildcards and tag conditions, less its exclusions. */
export function selectionCoverage(g: ResourceGraph, sel: ResourceView): ResourceView[] {
  const mine = new Map<string, ResourceView>();
  const listed = strings(sel.inputs.resources);
  if (listed.includes("*")) for (const r of g.ofType(...BACKUP_SUPPORTED)) mine.set(r.urn, r);
  for (const r of g.refs(sel, "resources", undefined, sel.inputs.resources)) mine.set(r.urn, r);
  for (const tagRaw of arr(sel.inputs.selectionTags)) {
    const tag = rec(tagRaw);
    const key = str(tag?.key);
    const value = str(tag?.value);
    if (!key || value === undefined || str(tag?.type)?.toUpperCase() !== "STRINGEQUALS") continue;
    for (const r of g.taggedWith(key, value)) if ((BACKUP_SUPPORTED as string[]).includes(r.type)) mine.set(r.urn, r);
  }
  for (const r of g.refs(sel, "notResources", undefined, sel.inputs.notResources)) mine.delete(r.urn);
  return [...mine.values()];
}

/** The resources the selections of one backup plan cover. */
export function planCoverage(g: ResourceGraph, plan: ResourceView): ResourceView[] {
  const selections = g.referrers(plan, [T.backupSelection], "planId");
  return unique(selections.flatMap((s) => selectionCoverage(g, s)));
}

/**
 * The vault a rule or copy action names, among the vaults the plan references: the one in the region its ARN
 * names, else the one in the plan's region (a rule's target) or outside it (a copy's destination). Undefined when
 * none fits, e.g. a copy into a vault of another program, whose region then comes from the ARN.
 */
export function pickVault(g: ResourceGraph, plan: ResourceView, value: unknown, region: { same?: string; other?: string }): ResourceView | undefined {
  const candidates = g.refs(plan, "rules", VAULT_TYPES, value);
  const named = arnRegion(value);
  const fitting = candidates.filter((v) => {
    const r = g.regionOf(v);
    if (named) return r === named;
    if (region.same) return r === region.same;
    return r !== region.other;
  });
  return fitting.length === 1 ? fitting[0] : undefined;
}

/** A lifecycle as declared: days to deletion and to cold storage (undefined: not set). */
export interface Lifecycle {
  deleteAfterDays?: number;
  coldStorageAfterDays?: number;
  /** Part of it is unknown (a preview): nothing may be concluded from what is missing. */
  unknown?: boolean;
}

function lifecycleOf(value: unknown): Lifecycle {
  if (isMarker(value)) return { unknown: true };
  const l = rec(value);
  const deleteAfterDays = num(l?.deleteAfter);
  const coldStorageAfterDays = num(l?.coldStorageAfter);
  const unknown = isMarker(l?.deleteAfter) || isMarker(l?.coldStorageAfter);
  return {
    ...(deleteAfterDays !== undefined ? { deleteAfterDays } : {}),
    ...(coldStorageAfterDays !== undefined ? { coldStorageAfterDays } : {}),
    ...(unknown ? { unknown } : {}),
  };
}

export interface BackupCopyAction {
  /** Index of the copy action in its rule's `copyActions`. */
  index: number;
  vault?: ResourceView;
  /** Region of the destination vault (from the vault, else from the ARN). */
  region?: string;
  lifecycle: Lifecycle;
}

export interface BackupRule {
  plan: ResourceView;
  /** Index of the rule in the plan's `rules`. */
  index: number;
  /** The copy actions are unknown (a preview): `copies` is then empty, and says nothing. */
  copiesUnknown: boolean;
  name: string;
  schedule?: string;
  /** The rule's declared start window, in minutes; undefined when it declares none (AWS Backup then applies its default) or a preview does not know it. */
  startWindowMinutes?: number;
  continuous: boolean;
  vault?: ResourceView;
  lifecycle: Lifecycle;
  copies: BackupCopyAction[];
}

/** Every rule of one backup plan, with its vault and copy actions resolved. */
export function planRules(g: ResourceGraph, plan: ResourceView): BackupRule[] {
  const region = g.regionOf(plan);
  const rules: BackupRule[] = [];
  arr(plan.inputs.rules).forEach((raw, index) => {
    const rule = rec(raw);
    if (!rule) return;
    const copiesUnknown = isMarker(rule.copyActions);
    const copies = (copiesUnknown ? [] : arr(rule.copyActions)).map((rawCopy, copyIndex): BackupCopyAction => {
      const copy = rec(rawCopy) ?? {};
      const vault = pickVault(g, plan, copy.destinationVaultArn, { other: region });
      const copyRegion = vault ? g.regionOf(vault) : arnRegion(copy.destinationVaultArn);
      return { index: copyIndex, ...(vault ? { vault } : {}), ...(copyRegion ? { region: copyRegion } : {}), lifecycle: lifecycleOf(copy.lifecycle) };
    });
    const vault = pickVault(g, plan, rule.targetVaultName, { same: region });
    const schedule = str(rule.schedule);
    const startWindowMinutes = num(rule.startWindow);
    rules.push({
      plan,
      index,
      copiesUnknown,
      name: str(rule.ruleName) ?? `rule ${index}`,
      ...(schedule ? { schedule } : {}),
      ...(startWindowMinutes !== undefined ? { startWindowMinutes } : {}),
      continuous: isTrue(rule.enableContinuousBackup),
      ...(vault ? { vault } : {}),
      lifecycle: lifecycleOf(rule.lifecycle),
      copies,
    });
  });
  return rules;
}

/**
 * The field of `detail` that carries a job's state in AWS Backup's EventBridge events, per detail type: backup and
 * copy jobs report `state`, restore jobs `status`, as the AWS Backup API names them (BackupJob.State,
 * CopyJob.State, RestoreJob.Status). AWS Backup's EventBridge page says some events report `status` and others
 * `state`, consistently with its API: https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html
 */
export const BACKUP_JOB_STATE_FIELD: Readonly<Record<string, "state" | "status">> = {
  "Backup Job State Change": "state",
  "Copy Job State Change": "state",
  "Restore Job State Change": "status",
};

/** The job-state fields an event pattern can test. */
const JOB_STATE_FIELDS = ["state", "status"] as const;

/** One job event kind an EventBridge pattern lets through, and the job states it lets through for it. */
export interface MatchedJobEvent {
  detailType: string;
  field: "state" | "status";
  /** The listed values of that field (string values only); empty when the pattern does not test the field. */
  values: string[];
}

/** The alternatives of a pattern's `detail`: its `$or` branches, or the detail itself. */
function detailAlternatives(detail: Record<string, unknown>): Record<string, unknown>[] {
  const or = arr(detail.$or).map(rec).filter((d): d is Record<string, unknown> => d !== undefined);
  return or.length > 0 ? or : [detail];
}

/**
 * What an EventBridge pattern (an `eventPattern` input, JSON text or object) lets through of AWS Backup's job
 * events: per job detail type it names, the state values it tests in the field that detail type carries. A detail
 * type whose every alternative tests only a field its events do not carry matches nothing and is left out. Patterns
 * on another source, or naming no job detail type, give nothing.
 */
export function matchedJobEvents(pattern: unknown): MatchedJobEvent[] {
  const p = rec(typeof pattern === "string" ? parseJson(pattern) : pattern);
  if (!p || !strings(p.source).includes("aws.backup")) return [];
  const detail = rec(p.detail) ?? {};
  const out: MatchedJobEvent[] = [];
  for (const detailType of strings(p["detail-type"])) {
    const field = BACKUP_JOB_STATE_FIELD[detailType];
    if (!field) continue;
    const values: string[] = [];
    let matches = false;
    for (const alt of detailAlternatives(detail)) {
      const tested = JOB_STATE_FIELDS.filter((f) => alt[f] !== undefined);
      if (tested.some((f) => f !== field)) continue;
      matches = true;
      values.push(...strings(alt[field]));
    }
    if (matches) out.push({ detailType, field, values: unique(values) });
  }
  return out;
}

/** The job detail types a pattern names but can never match, because it tests a field their events do not carry. */
export function unmatchableJobEvents(pattern: unknown): { detailType: string; field: "state" | "status"; tested: string[] }[] {
  const p = rec(typeof pattern === "string" ? parseJson(pattern) : pattern);
  if (!p || !strings(p.source).includes("aws.backup")) return [];
  const matched = new Set(matchedJobEvents(p).map((m) => m.detailType));
  const alternatives = detailAlternatives(rec(p.detail) ?? {});
  const tested = unique(alternatives.flatMap((alt) => JOB_STATE_FIELDS.filter((f) => alt[f] !== undefined)));
  return strings(p["detail-type"])
    .filter((t) => BACKUP_JOB_STATE_FIELD[t] !== undefined && !matched.has(t))
    .map((detailType) => ({ detailType, field: BACKUP_JOB_STATE_FIELD[detailType], tested }));
}
