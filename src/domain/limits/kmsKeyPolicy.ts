/**
 * Reading a KMS key policy for what it forbids everyone: scheduling the key's deletion, disabling it, rewriting the
 * policy itself. One reader for the components (which derive `bypassPolicyLockoutSafetyCheck` from it), the plan's
 * platform limit (`aws-kms-key-policy-lockout`) and the audit (CENM-GN-07).
 *
 * What KMS says (CreateKey, ReplicateKey and PutKeyPolicy API references): a key policy must let the principal that
 * sends it call PutKeyPolicy afterwards, unless the request sets BypassPolicyLockoutSafetyCheck, which KMS reserves
 * for a caller that means to lock itself out of later policy changes; setting it raises the risk that nobody can
 * manage the key any more. An explicit Deny overrides every Allow, the account root user's included.
 */
import { arr, parseJson, rec, str, strings } from "../resources/values";

/** The API reference page the lockout rule is read from. */
export const KMS_CREATE_KEY_PAGE = "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html";

/** Condition operators that exempt the principals they list from a Deny (when the only key they test is aws:PrincipalArn). */
const EXEMPTING_OPERATORS = ["arnnotequals", "arnnotlike", "stringnotequals", "stringnotlike"];

/** The statements of a policy document (a JSON string or an object); empty when it is not one. */
export function policyStatements(policy: unknown): Record<string, unknown>[] {
  return arr(rec(parseJson(policy))?.Statement)
    .map(rec)
    .filter((s): s is Record<string, unknown> => s !== undefined);
}

/** `Principal: "*"` or `Principal: {AWS: "*"}` (or a list holding "*"): every principal. */
function everyone(principal: unknown): boolean {
  return principal === "*" || strings(rec(principal)?.AWS).includes("*");
}

/** Whether an IAM action pattern (`kms:*`, `kms:Put*`, `*`, case-insensitive) matches `action`. */
function matches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  if (p === "*" || p === a) return true;
  if (!p.includes("*")) return false;
  const re = new RegExp(`^${p.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(a);
}

function covers(statement: Record<string, unknown>, action: string): boolean {
  if (statement.Action !== undefined) return strings(statement.Action).some((p) => matches(p, action));
  if (statement.NotAction !== undefined) return !strings(statement.NotAction).some((p) => matches(p, action));
  return false;
}

/**
 * The principals a Deny statement's condition exempts, when the condition does nothing else; undefined when it tests
 * something other than the caller's ARN (the Deny may then not apply at all, so it does not count as one on everyone).
 */
function exemptions(statement: Record<string, unknown>): string[] | undefined {
  const condition = rec(statement.Condition);
  if (condition === undefined) return [];
  const exempt: string[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    const tests = rec(block);
    if (!EXEMPTING_OPERATORS.includes(operator.toLowerCase()) || !tests) return undefined;
    for (const [key, value] of Object.entries(tests)) {
      if (key.toLowerCase() !== "aws:principalarn") return undefined;
      exempt.push(...strings(value));
    }
  }
  return exempt;
}

/** How a key policy denies one action. */
export interface ActionDenial {
  /** A Deny on every principal covers the action, with no condition other than exempting named principals. */
  denied: boolean;
  /** The principals every such Deny exempts (empty: nobody is exempt). Meaningful only when `denied`. */
  exempt: string[];
}

/** Whether `statements` deny `action` (e.g. `kms:PutKeyPolicy`) to everyone, and whom they let through. */
export function denialOf(statements: readonly Record<string, unknown>[], action: string): ActionDenial {
  let exempt: string[] | undefined;
  for (const s of statements) {
    if (str(s.Effect) !== "Deny" || !everyone(s.Principal) || !covers(s, action)) continue;
    const e = exemptions(s);
    if (e === undefined) continue;
    // Several Denies: a principal is through only if every one of them exempts it.
    exempt = exempt === undefined ? e : exempt.filter((p) => e.includes(p));
  }
  return exempt === undefined ? { denied: false, exempt: [] } : { denied: true, exempt };
}

/**
 * Whether a key policy keeps the principal that sends it from calling PutKeyPolicy later, as far as the policy alone
 * can tell: it denies PutKeyPolicy to everyone. The sender gets through only if it is one of the exempt principals,
 * which a plan cannot know; the package's keys set BypassPolicyLockoutSafetyCheck exactly then.
 */
export function locksOutPolicyChanges(statements: readonly Record<string, unknown>[]): boolean {
  return denialOf(statements, "kms:PutKeyPolicy").denied;
}

/**
 * Why KMS would refuse this key policy, or why nobody could ever change it again; undefined when neither applies.
 * `bypass` is the request's BypassPolicyLockoutSafetyCheck.
 */
export function keyPolicyLockoutProblem(statements: readonly Record<string, unknown>[], bypass: boolean): string | undefined {
  const d = denialOf(statements, "kms:PutKeyPolicy");
  if (!d.denied) return undefined;
  if (d.exempt.length === 0) {
    return "denies kms:PutKeyPolicy to every principal with no exception: nobody could change the key's policy again (KMS refuses it while bypassPolicyLockoutSafetyCheck is false, and with it true the key can no longer be managed)";
  }
  if (!bypass) {
    return `denies kms:PutKeyPolicy to every principal but ${d.exempt.join(", ")} with bypassPolicyLockoutSafetyCheck false: KMS accepts the policy only from one of those principals (its lockout safety check)`;
  }
  return undefined;
}

/**
 * KMS lets a principal of another account use a key only for cryptographic operations and a few grant and describe
 * operations; key management (PutKeyPolicy, ScheduleKeyDeletion, DisableKey among them) is never available across
 * accounts, whatever the key policy grants.
 */
export const KMS_EXTERNAL_ACCOUNTS_PAGE = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html";

/** The key management operations the package's protected key policies deny to all but an exempted principal. */
export const KEY_MANAGEMENT_ACTIONS = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"] as const;

/** The 12-digit account of an IAM ARN (`arn:aws:iam::111122223333:role/x`) or of an account root; undefined otherwise. */
export function principalAccount(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/** The account of a KMS key's ARN (`arn:aws:kms:eu-west-1:111122223333:key/...`); undefined otherwise. */
export function keyArnAccount(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  return /^arn:aws[a-z-]*:kms:[a-z0-9-]+:(\d{12}):key\//.exec(arn)?.[1];
}

/**
 * The principals a key policy exempts from a Deny of a key management operation on everyone while they belong to
 * another account than `keyAccount`: KMS never lets them perform that operation, so the exemption leaves it to
 * nobody. Each with the operation it concerns.
 */
export function crossAccountExemptions(statements: readonly Record<string, unknown>[], keyAccount: string): { action: string; principal: string; account: string }[] {
  const out: { action: string; principal: string; account: string }[] = [];
  for (const action of KEY_MANAGEMENT_ACTIONS) {
    const d = denialOf(statements, action);
    if (!d.denied) continue;
    for (const principal of d.exempt) {
      const account = principalAccount(principal);
      if (account !== undefined && account !== keyAccount) out.push({ action, principal, account });
    }
  }
  return out;
}

/**
 * What is wrong with a break-glass principal for keys of the account `account` (the stack's, or the deploying
 * credentials'), or undefined when nothing is: it must be an IAM principal of that same account, since KMS refuses key
 * management operations across accounts.
 */
export function breakGlassAccountProblem(breakGlassArn: string, account: string): string | undefined {
  const own = principalAccount(breakGlassArn);
  if (own === undefined) return `${JSON.stringify(breakGlassArn)} names no account`;
  if (own !== account) {
    return `${breakGlassArn} belongs to account ${own}, not to the keys' account ${account}: KMS never lets a principal of another account change a key's policy, schedule its deletion or disable it, so the keys could never be changed or deleted again (${KMS_EXTERNAL_ACCOUNTS_PAGE})`;
  }
  return undefined;
}
