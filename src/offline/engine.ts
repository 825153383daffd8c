/**
 * The offline engine: runs a Pulumi program against Pulumi's mock runtime, with a stack's configuration and no
 * Pulumi CLI or cloud account, and returns every resource the program registered with its type, name, parent,
 * declared inputs and resource options.
 *
 * Options such as `protect` and `retainOnDelete` never reach the mocks' `newResource`; the engine reads them from
 * the registration request itself, so what it reports is what Pulumi would send to the engine.
 */
import * as pulumi from "@pulumi/pulumi";
import { computedOutputs, fabricateState, mockAccountOf, mockCall } from "./mocks";
import { parseUrn, urnName, urnType } from "../domain/urn";

// The protobuf messages of Pulumi's resource monitor protocol (dependencies of @pulumi/pulumi, no typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resproto = require("@pulumi/pulumi/proto/resource_pb");

/** The protobuf Struct that `deserializeProperties` takes. */
type Struct = Parameters<typeof pulumi.runtime.deserializeProperties>[0];

export const SECRET = "[secret]";
export const UNKNOWN = "[unknown]";

export interface DeclaredOptions {
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  dependsOn: string[];
  additionalSecretOutputs: string[];
  aliases: number;
  provider?: string;
  /** Logical name of the resource whose deletion, in the same deployment, deletes this one (Pulumi then skips its delete). */
  deletedWith?: string;
  /** Inputs whose change replaces the resource (the `replaceOnChanges` option); absent when none. */
  replaceOnChanges?: string[];
  /** The URNs the program's own aliases name (a rename or a new parent; provider version aliases left out); absent when none. */
  aliasUrns?: string[];
}

export interface DeclaredResource {
  urn: string;
  /** Pulumi type token, e.g. `aws:rds/cluster:Cluster`. */
  type: string;
  /** Logical name. */
  name: string;
  /** Logical name of the parent resource (the stack for top-level components). */
  parent?: string;
  /** Type token of the parent. */
  parentType?: string;
  custom: boolean;
  /** Declared inputs, with secrets as "[secret]" and values unknown at preview as "[unknown]". */
  inputs: Record<string, unknown>;
  /** For each input that takes a value from other resources, the URNs of those resources. */
  propertyDependencies: Record<string, string[]>;
  options: DeclaredOptions;
}

export interface OfflineRun {
  project: string;
  stack: string;
  preview: boolean;
  resources: DeclaredResource[];
  /** Stack outputs, secrets as "[secret]". */
  outputs: Record<string, unknown>;
  /** Messages the program logged (warnings and errors). */
  log: { severity: string; message: string }[];
  /** Tokens of the provider functions the program called (e.g. `aws:index/getCallerIdentity:getCallerIdentity`), in call order. */
  calls: string[];
}

export interface RunOptions {
  project: string;
  stack: string;
  /** Full config keys (`cenm-backup:database`) to their stored string values, as a stack file holds them. */
  config: Record<string, string>;
  /** Keys whose values the stack marks as secrets. */
  secretKeys?: string[];
  /** Run as `pulumi preview` (computed outputs unknown) rather than as an update. */
  preview?: boolean;
}

const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Replaces secrets and unknowns by markers, and resource references by their URN. */
export function sanitize(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
  if (typeof value !== "object") return value;
  if (pulumi.Resource.isInstance(value)) return "[resource]";
  if (pulumi.Output.isInstance(value)) return UNKNOWN;
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return SECRET;
  if (obj[SIG_KEY] !== undefined) {
    // Resource references, assets and archives: keep their identity, never their payload.
    return obj.urn ? { ref: obj.urn } : { [SIG_KEY]: obj[SIG_KEY] };
  }
  if (Array.isArray(value)) return value.map(sanitize);
  if (isUnknownMarker(value)) return UNKNOWN;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    const v = sanitize(obj[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Refuses a computed output the runtime could not read back (undefined, a function...): the registration then
 * fails with the resource named, where such a value would otherwise stop the runtime's bookkeeping and leave the
 * run waiting forever. (The inputs come from the wire and are always plain.)
 */
export function jsonOnly<T>(value: T, type: string, path = "outputs"): T {
  if (value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return value;
  if (Array.isArray(value)) value.forEach((v, i) => jsonOnly(v, type, `${path}[${i}]`));
  else if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) jsonOnly(v, type, `${path}.${k}`);
  } else throw new Error(`offline mock of ${type}: ${path} is ${value === undefined ? "undefined" : typeof value}, not a plain JSON value`);
  return value;
}

function isUnknownMarker(value: object): boolean {
  // `deserializeProperties` returns a shared Unknown object for unknowns during preview.
  return value.constructor?.name === "Unknown";
}

function nameOfUrn(urn: string): string {
  return urnName(urn);
}

function typeOfUrn(urn: string): string {
  return urnType(urn) ?? "";
}

let running = false;

/**
 * Runs `program` as the given stack under mocks and returns what it declared. Runs are serialised: the Pulumi
 * runtime keeps one global state per process.
 */
export async function runOffline(program: () => Promise<Record<string, unknown> | void>, options: RunOptions): Promise<OfflineRun> {
  if (running) throw new Error("runOffline: another offline run is in progress in this process");
  running = true;
  // The Pulumi runtime records a formatted stack trace on every internal promise to explain leaks to a
  // developer; offline, that formatting is most of the run's time. Keep it only when debugging.
  const { stackTraceLimit, prepareStackTrace } = Error;
  if (!process.env.CENM_BACKUP_DEBUG) {
    // The runtime also raises the limit to capture the declaring line of each resource; a fixed limit of 0 keeps
    // every capture empty (source positions are only shown by the Pulumi CLI, which an offline run has not).
    Object.defineProperty(Error, "stackTraceLimit", { configurable: true, enumerable: true, get: () => 0, set: () => undefined });
    Error.prepareStackTrace = (error: Error) => `${error.name}: ${error.message}`;
  }
  const preview = options.preview ?? false;
  const log: OfflineRun["log"] = [];
  const calls: string[] = [];
  try {
    const awsRegion = options.config["aws:region"];
    const account = mockAccountOf(options.config);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({
          id: preview ? undefined : `${args.name}-id`,
          state: preview ? args.inputs : fabricateState(args.type, args.name, args.inputs, awsRegion, account),
        }),
        call: (args) => {
          calls.push(args.token);
          return mockCall(args.token, args.inputs, awsRegion, account);
        },
      },
      options.project,
      options.stack,
      preview,
    );
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);

    const declared: DeclaredResource[] = [];
    urnIndex.clear();
    setAside.clear();
    let stackOutputs: unknown = {};
    const monitor = (pulumi.runtime as unknown as { getMonitor(): MonitorLike }).getMonitor();
    // Registration answered here rather than by the mock's `newResource`: the request's inputs are converted once,
    // captured with the request's options, and returned as the state together with the computed outputs, without
    // a second serialisation round.
    monitor.registerResource = (req: RegisterRequest, callback: (err: unknown, res?: unknown) => void) => {
      try {
        const raw = (req.getObject() as { toJavaScript(): Record<string, unknown> }).toJavaScript();
        const inputs = pulumi.runtime.deserializeProperties({ toJavaScript: () => raw } as unknown as Struct, true);
        declared.push(capture(req, inputs));
        const type = req.getType();
        const name = req.getName();
        const id = preview ? "" : `${name}-id`;
        const state = preview ? raw : { ...raw, ...jsonOnly(computedOutputs(type, name, inputs, awsRegion, account), type) };
        const urn = monitor.newUrn(req.getParent(), type, name);
        urnIndex.set(urn, declared[declared.length - 1].urn);
        monitor.resources.set(urn, { urn, id: id || null, state });
        // The response the runtime reads (the same five getters its own unattached-test path answers with); the
        // state goes back as the plain object it was built as, not through a protobuf Struct and back.
        callback(null, {
          getUrn: () => urn,
          getId: () => id,
          getObject: () => ({ toJavaScript: () => state }),
          getPropertydependenciesMap: () => undefined,
          getResult: () => resproto.Result.SUCCESS,
        });
      } catch (error) {
        callback(error);
      }
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: OutputsRequest, callback: unknown) => {
      if (typeOfUrn(req.getUrn()) === "pulumi:pulumi:Stack") {
        const struct = req.getOutputs();
        stackOutputs = struct ? pulumi.runtime.deserializeProperties(struct as Struct, true) : {};
      }
      return registerOutputs(req, callback);
    };
    const restoreLog = captureLog(log);
    // An error thrown by the program is held and rethrown once the runtime has settled: letting it escape the
    // stack's initialisation would leave an unhandled rejection inside the Pulumi runtime.
    let failure: { error: unknown } | undefined;
    try {
      await pulumi.runtime.runInPulumiStack(async () => {
        try {
          pulumi.runtime.registerStackTransformation(setAsideVersionAliases);
          return (await program()) ?? {};
        } catch (error) {
          failure = { error };
          return {};
        }
      });
      await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    } finally {
      restoreLog();
    }
    if (failure) throw failure.error;
    const stackResource = declared.find((r) => r.type === "pulumi:pulumi:Stack");
    const resources = declared
      .filter((r) => r !== stackResource)
      .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    return {
      project: options.project,
      stack: options.stack,
      preview,
      resources,
      outputs: (sanitize(stackOutputs) as Record<string, unknown>) ?? {},
      log,
      calls,
    };
  } finally {
    Object.defineProperty(Error, "stackTraceLimit", { configurable: true, enumerable: true, writable: true, value: stackTraceLimit });
    Error.prepareStackTrace = prepareStackTrace;
    running = false;
  }
}

interface MonitorLike {
  registerResource(req: RegisterRequest, callback: (err: unknown, res?: unknown) => void): unknown;
  newUrn(parent: string, type: string, name: string): string;
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  registerResourceOutputs(req: OutputsRequest, callback: unknown): unknown;
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): unknown;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): unknown;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletedwith(): string;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getAliasesList(): unknown[];
  getProvider(): string;
  getDeletedwith(): string;
  getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> };
}

function capture(req: RegisterRequest, deserialized: Record<string, unknown>): DeclaredResource {
  const parentUrn = req.getParent();
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const type = req.getType();
  const name = req.getName();
  const parentType = parentUrn ? typeOfUrn(parentUrn) : undefined;
  const urn = urnOf(project, stack, parentUrn ? (urnIndex.get(parentUrn) ?? parentUrn) : "", type, name);
  const inputs = sanitize(deserialized) as Record<string, unknown>;
  const provider = req.getProvider();
  const deletedWith = req.getDeletedwith();
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of [...req.getPropertydependenciesMap().entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const urns = deps.getUrnsList().map((u) => canonicalUrn(u, project, stack)).sort();
    if (urns.length > 0) propertyDependencies[key] = urns;
  }
  return {
    urn,
    type,
    name,
    parent: parentUrn ? nameOfUrn(parentUrn) : undefined,
    parentType,
    custom: req.getCustom(),
    inputs: inputs ?? {},
    propertyDependencies,
    options: {
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      deleteBeforeReplace: req.getDeletebeforereplace() === true,
      ignoreChanges: [...req.getIgnorechangesList()].sort(),
      dependsOn: req.getDependenciesList().map(nameOfUrn).sort(),
      additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()].sort(),
      aliases: req.getAliasesList().length + (setAside.get(`${type}::${name}`) ?? 0),
      ...(provider ? { provider: provider.split("::").pop() } : {}),
      ...(deletedWith ? { deletedWith: nameOfUrn(deletedWith) } : {}),
      ...(req.getReplaceonchangesList().length > 0 ? { replaceOnChanges: [...req.getReplaceonchangesList()].sort() } : {}),
      ...aliasUrnsOption(req.getAliasesList(), { project, stack, type, name, parentUrn }),
    },
  };
}

/** One alias of a registration request: a URN, or a spec of what differs (name, type, parent, stack, project). */
interface AliasMessage {
  toObject(): { urn?: string; spec?: { name?: string; type?: string; stack?: string; project?: string; parenturn?: string; noparent?: boolean } };
}

/** The URNs the program's aliases name, as Pulumi's engine computes them (unset fields keep the resource's own). */
function aliasUrnsOption(aliases: unknown[], self: { project: string; stack: string; type: string; name: string; parentUrn: string }): { aliasUrns?: string[] } {
  const urns = aliases.flatMap((a): string[] => {
    const o = typeof a === "string" ? { urn: a } : (a as AliasMessage).toObject();
    if (o.urn) return [urnIndex.get(o.urn) ?? o.urn];
    const spec = o.spec;
    if (!spec) return [];
    const parent = spec.noparent ? "" : spec.parenturn ? (urnIndex.get(spec.parenturn) ?? spec.parenturn) : self.parentUrn ? (urnIndex.get(self.parentUrn) ?? self.parentUrn) : "";
    return [urnOf(spec.project || self.project, spec.stack || self.stack, parent, spec.type || self.type, spec.name || self.name)];
  });
  return urns.length > 0 ? { aliasUrns: urns.sort() } : {};
}

/** Rewrites a mock monitor URN (which keeps only the parent's last type) into the URN Pulumi's engine gives. */
function canonicalUrn(mockUrn: string, project: string, stack: string): string {
  return urnIndex.get(mockUrn) ?? urnOf(project, stack, "", typeOfUrn(mockUrn), nameOfUrn(mockUrn));
}

/** Mock monitor URN -> canonical URN, filled as resources register (parents and dependencies register first). */
const urnIndex = new Map<string, string>();

/** The URN Pulumi gives a resource (same scheme as the mock monitor's). */
function urnOf(project: string, stack: string, parentUrn: string, type: string, name: string): string {
  let parentPrefix = "";
  if (parentUrn) {
    // The mock monitor keeps the root stack in the chain; Pulumi's engine leaves it out.
    const parentType = (parseUrn(parentUrn)?.qualifiedType ?? "").replace(/^pulumi:pulumi:Stack(\$|$)/, "");
    if (parentType !== "") parentPrefix = `${parentType}$`;
  }
  return `urn:pulumi:${stack}::${project}::${parentPrefix}${type}::${name}`;
}

/** Resource (type::name) -> provider version aliases set aside during the current run. */
const setAside = new Map<string, number>();

/**
 * Providers declare, on every resource, aliases to the same resource under their earlier API versions (azure-native
 * lists up to a few dozen per resource) so that a deployed stack follows a provider upgrade. An offline run has no
 * deployed state for them to match, and collapsing each into a URN is most of an Azure plan's time, so they are
 * counted (the plan still reports how many aliases a resource has) and set aside. Aliases a program declares
 * itself (renames, new parents) are kept.
 */
export function setAsideVersionAliases(args: pulumi.ResourceTransformationArgs): pulumi.ResourceTransformationResult | undefined {
  const aliases = args.opts.aliases;
  if (!aliases || aliases.length === 0) return undefined;
  const pkg = args.type.split(":")[0];
  const isVersionAlias = (a: unknown): boolean =>
    typeof a === "object" && a !== null && Object.keys(a).length === 1 && typeof (a as { type?: unknown }).type === "string" && (a as { type: string }).type.startsWith(`${pkg}:`);
  const kept = aliases.filter((a) => !isVersionAlias(a));
  if (kept.length === aliases.length) return undefined;
  setAside.set(`${args.type}::${args.name}`, aliases.length - kept.length);
  return { props: args.props, opts: { ...args.opts, aliases: kept } };
}

/** Collects the program's warnings and errors instead of letting them reach the console. */
function captureLog(into: OfflineRun["log"]): () => void {
  const log = pulumi.log as unknown as Record<string, (msg: string) => Promise<void>>;
  const saved = { warn: log.warn, error: log.error };
  log.warn = async (msg: string) => {
    into.push({ severity: "warning", message: msg });
  };
  log.error = async (msg: string) => {
    into.push({ severity: "error", message: msg });
  };
  return () => {
    log.warn = saved.warn;
    log.error = saved.error;
  };
}
