/**
 * From stack-file values to a typed, validated StackConfig: read the `cenm-backup:` keys, overlay them on the
 * environment preset, validate, and throw one ConfigError listing every problem.
 */
import * as pulumi from "@pulumi/pulumi";
import { MAX_CONFIG_STRING } from "../domain/inputLimits";
import { breakGlassAccountProblem, principalAccount } from "../domain/limits/kmsKeyPolicy";
import { ConfigError, ConfigIssue, configKey, renderReceived } from "./errors";
import { CLOUD_PRESETS, PRESETS } from "./presets";
import { Cloud, CLOUDS, CONTROL_ID, ENVIRONMENTS, Environment, PROJECT, StackConfig, TOP_LEVEL_KEYS } from "./schema";
import { crossFieldIssues, schemaIssues, unusedWaivers, unwaivedIssues } from "./validate";

export type RawConfig = Record<string, unknown>;

export interface LoadedConfig {
  config: StackConfig;
  /** Non-fatal remarks (for example a waiver that excuses nothing). */
  warnings: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Objects merge key by key; arrays and scalars from `over` replace those of `base`; `null` removes a preset
 * value (for example `changeableForDays: null` when a stack moves a lock to governance mode).
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      if (v === null) delete out[k];
      else out[k] = deepMerge(base[k], v);
    }
    return out;
  }
  return over;
}

/** Today as YYYY-MM-DD (UTC). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Strings longer than {@link MAX_CONFIG_STRING}, with their key; walked without recursion. */
function overlongStrings(raw: RawConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const stack: [(string | number)[], unknown][] = Object.entries(raw).map(([k, v]) => [[k], v]);
  let budget = 50_000;
  while (stack.length > 0 && budget-- > 0) {
    const [path, v] = stack.pop()!;
    if (typeof v === "string" && v.length > MAX_CONFIG_STRING) {
      out.push({ key: configKey(path), received: `a string of ${v.length} characters`, expected: `at most ${MAX_CONFIG_STRING} characters` });
    } else if (Array.isArray(v)) v.forEach((child, i) => stack.push([[...path, i], child]));
    else if (isPlainObject(v)) for (const [k, child] of Object.entries(v)) stack.push([[...path, k], child]);
  }
  return out;
}

/**
 * Validates raw stack values (top-level keys without the `cenm-backup:` prefix) and returns the merged config.
 * Throws ConfigError naming each bad key, the value received and what is expected.
 */
export function loadStackConfig(raw: RawConfig, options: { stack?: string; now?: Date } = {}): LoadedConfig {
  const tooLong = overlongStrings(raw);
  if (tooLong.length > 0) throw new ConfigError(tooLong, options.stack);
  const env = raw.environment;
  if (typeof env !== "string" || !(ENVIRONMENTS as readonly string[]).includes(env)) {
    // Without an environment there is no preset to validate against; report the cloud too when it is wrong.
    const issues: ConfigIssue[] = [{ key: configKey(["environment"]), received: renderReceived(env), expected: `one of ${ENVIRONMENTS.map((e) => `"${e}"`).join(", ")}` }];
    if (typeof raw.cloud !== "string" || !(CLOUDS as readonly string[]).includes(raw.cloud)) {
      issues.unshift({ key: configKey(["cloud"]), received: renderReceived(raw.cloud), expected: `one of ${CLOUDS.map((c) => `"${c}"`).join(", ")}` });
    }
    throw new ConfigError(issues, options.stack);
  }
  const cloudPreset = typeof raw.cloud === "string" && raw.cloud in CLOUD_PRESETS ? CLOUD_PRESETS[raw.cloud as Cloud][env as Environment] : {};
  const merged = deepMerge(deepMerge(PRESETS[env as Environment], cloudPreset), raw);
  const { value, issues } = schemaIssues(merged);
  if (!value) throw new ConfigError(issues, options.stack);
  const day = today(options.now);
  const more: ConfigIssue[] = [...crossFieldIssues(value, day), ...unwaivedIssues(value)];
  if (more.length > 0) throw new ConfigError(more, options.stack);
  // Outside prod a waiver serves the audit only; in prod one that excuses nothing is worth a second look.
  const warnings = (value.environment === "prod" ? unusedWaivers(value) : [])
    .filter((id) => !CONTROL_ID.test(id))
    .map((id) => `waiver "${id}" excuses nothing the stack configuration weakens; it is kept for the audit`);
  if (value.protection.firstDeployment === true) {
    warnings.push(
      "protection.firstDeployment: step 1 of 2. Immutability is created Unlocked, the database backup vault has no customer-managed key and no backup instance yet, " +
        "and a share backup vault holding vaulted backups has no key and protects no share yet; " +
        "remove the key and run `pulumi up` again to lock, encrypt and start the database and share backups. Until then the audit fails those controls",
    );
  }
  return { config: value, warnings };
}

/** Parses one Pulumi config value: objects and arrays are stored as JSON, scalars as plain strings. */
function parseValue(text: string): unknown {
  const t = text.trim();
  if (t.startsWith("{") || t.startsWith("[") || t === "true" || t === "false" || /^-?\d+(\.\d+)?$/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Reads the project's keys from the running Pulumi program's configuration (the stack file, or the values an
 * offline run passed to the mock runtime). Unknown `cenm-backup:` keys are refused.
 */
export function readPulumiConfig(all: Record<string, string> = pulumi.runtime.allConfig()): { raw: RawConfig; issues: ConfigIssue[] } {
  const raw: RawConfig = {};
  const issues: ConfigIssue[] = [];
  const known = new Set<string>(TOP_LEVEL_KEYS);
  for (const [fullKey, text] of Object.entries(all)) {
    const [ns, key] = splitKey(fullKey);
    if (ns !== PROJECT) {
      // A namespace one slip away from the package's own would have its values dropped without a word.
      if (looksLikeProject(ns)) issues.push({ key: fullKey, received: renderReceived(parseValue(text)), expected: `the namespace "${PROJECT}:" ("${ns}:" is not this package's, so the value would be ignored)` });
      continue;
    }
    if (isSecret(fullKey)) {
      // Nothing this package configures is secret (RDS keeps the database password); a secret value here would
      // be copied into resource inputs in plain text, so it is refused.
      issues.push({ key: `${PROJECT}:${key}`, received: "a secret value", expected: "a plain value: cenm-backup reads no secrets from config (database passwords are managed by RDS)" });
      continue;
    }
    if (!known.has(key)) {
      issues.push({ key: `${PROJECT}:${key}`, received: renderReceived(parseValue(text)), expected: `no such key; known keys: ${TOP_LEVEL_KEYS.join(", ")}` });
      continue;
    }
    raw[key] = parseValue(text);
  }
  return { raw, issues };
}

/** Edit distance of two short strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** A namespace that is not the package's but looks meant to be: "cenm-backups", "cenm_backup", "CENM-Backup"... */
export function looksLikeProject(ns: string): boolean {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  return ns !== PROJECT && (squash(ns) === squash(PROJECT) || editDistance(ns.toLowerCase(), PROJECT) <= 2 || squash(ns).startsWith("cenm"));
}

/** Whether the stack marks a config key as secret (`pulumi config set --secret`). */
function isSecret(fullKey: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return runtime.isConfigSecret?.(fullKey) === true;
}

function splitKey(fullKey: string): [string, string] {
  // The runtime stores keys as "project:config:key" or "project:key".
  const parts = fullKey.split(":");
  if (parts.length === 3 && parts[1] === "config") return [parts[0], parts[2]];
  return [parts[0], parts.slice(1).join(":")];
}

/**
 * The AWS account a stack states it deploys to: the one account of the AWS provider's `aws:allowedAccountIds` (the
 * provider refuses to act in any other), parsed from the config text; undefined when the key is absent, the list
 * when it names none or several.
 */
function allowedAccounts(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const value = parseValue(text);
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/**
 * A break-glass principal must belong to the stack's own account, which the stack states with `aws:allowedAccountIds`
 * (exactly that one account): the key policies exempt it from denies of key management operations, which KMS never
 * lets another account perform (platform limit aws-kms-key-policy-exemption-same-account, the same predicate).
 */
export function breakGlassAccountIssues(breakGlassArn: string | undefined, allowedAccountIdsText: string | undefined): ConfigIssue[] {
  if (breakGlassArn === undefined) return [];
  const own = principalAccount(breakGlassArn);
  const accounts = allowedAccounts(allowedAccountIdsText);
  const expected = own ? `["${own}"], the one account the stack deploys to, which must be the account of cenm-backup:protection.breakGlassPrincipalArn (the AWS provider then refuses any other)` : "one account id";
  if (accounts === undefined || accounts.length !== 1) {
    return [{ key: "aws:allowedAccountIds", received: accounts === undefined ? renderReceived(undefined) : renderReceived(accounts), expected }];
  }
  const problem = breakGlassAccountProblem(breakGlassArn, accounts[0]);
  return problem ? [{ key: configKey(["protection", "breakGlassPrincipalArn"]), received: renderReceived(breakGlassArn), expected: `an IAM principal of the stack's account ${accounts[0]} (aws:allowedAccountIds): ${problem}` }] : [];
}

/** Reads, merges and validates the running stack's configuration; also checks that `aws:region` agrees. */
export function loadFromPulumi(options: { now?: Date } = {}): LoadedConfig {
  const stack = pulumi.getStack();
  const all = pulumi.runtime.allConfig();
  const { raw, issues } = readPulumiConfig(all);
  if (issues.length > 0) throw new ConfigError(issues, stack);
  const loaded = loadStackConfig(raw, { stack, now: options.now });
  // The provider's default region must agree with the stack's primary region.
  const providerKey = loaded.config.cloud === "aws" ? "aws:region" : "azure-native:location";
  const providerRegion = all[providerKey];
  if (providerRegion !== undefined && providerRegion !== loaded.config.primary.region) {
    throw new ConfigError(
      [{ key: providerKey, received: renderReceived(providerRegion), expected: `the primary region ${JSON.stringify(loaded.config.primary.region)} (cenm-backup:primary.region)` }],
      stack,
    );
  }
  if (loaded.config.cloud === "aws") {
    const issues = breakGlassAccountIssues(loaded.config.protection.breakGlassPrincipalArn, all["aws:allowedAccountIds"]);
    if (issues.length > 0) throw new ConfigError(issues, stack);
  }
  return loaded;
}
