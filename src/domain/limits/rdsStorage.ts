/**
 * What RDS accepts for storage: size and provisioned IOPS by storage type and engine family, for DB instances and
 * Multi-AZ DB clusters. Read from AWS's storage page (CHAP_Storage) and the CreateDBCluster API reference; one
 * function answers for config validation, the database component and the plan check.
 */

/** The storage types the package declares (RDS also takes gp2 and magnetic storage; the package never does). */
export const RdsStorageType = {
  /** General Purpose SSD gp3: a baseline of IOPS, more provisioned on request. */
  Gp3: "gp3",
  /** Provisioned IOPS SSD io1. */
  Io1: "io1",
  /** Provisioned IOPS SSD io2 (Block Express). */
  Io2: "io2",
} as const;
export type RdsStorageType = (typeof RdsStorageType)[keyof typeof RdsStorageType];
export const RDS_STORAGE_TYPES = [RdsStorageType.Gp3, RdsStorageType.Io1, RdsStorageType.Io2] as const;
/** The widest storage size, GiB, over every type and engine: a first bound; {@link rdsStorageProblems} judges the rest. */
export const RDS_STORAGE_GB = { min: 20, max: 65536 } as const;
/** The widest provisioned IOPS over every type and engine: a first bound, as above. */
export const RDS_IOPS = { min: 1000, max: 256000 } as const;

/** RDS engine families whose storage rules differ. */
export type RdsEngineFamily = "sqlserver" | "oracle" | "other";

/** The family of an RDS engine name (`postgres`, `sqlserver-ee`, `oracle-se2`, ...). */
export function rdsEngineFamily(engine: string): RdsEngineFamily {
  if (engine.startsWith("sqlserver")) return "sqlserver";
  if (engine.startsWith("oracle")) return "oracle";
  return "other";
}

export interface RdsStorage {
  /** RDS engine name, e.g. postgres. */
  engine: string;
  /** A DB instance (single-AZ or Multi-AZ) or a Multi-AZ DB cluster. */
  deployment: "instance" | "multi-az-cluster";
  storageType: string;
  allocatedStorageGb: number;
  /** Provisioned IOPS; undefined when not set. */
  iops?: number;
}

/** One thing RDS would refuse, on the input it concerns. */
export interface StorageProblem {
  property: "storageType" | "allocatedStorage" | "iops";
  expected: string;
}

interface Range {
  min: number;
  max: number;
}

const within = (v: number, r: Range): boolean => v >= r.min && v <= r.max;
const fmt = (n: number): string => n.toLocaleString("en-US");
const rangeText = (r: Range, unit: string): string => `${fmt(r.min)}-${fmt(r.max)} ${unit}`;

/** Sizes RDS accepts per storage type and family, in GiB. */
function sizeRange(type: string, family: RdsEngineFamily): Range | undefined {
  switch (type) {
    case "gp3":
      return family === "sqlserver" ? { min: 20, max: 16384 } : { min: 20, max: 65536 };
    case "io1":
      return family === "sqlserver" ? { min: 20, max: 16384 } : { min: 100, max: 65536 };
    case "io2":
      return family === "sqlserver" ? { min: 20, max: 65536 } : { min: 100, max: 65536 };
    default:
      return undefined;
  }
}

/** gp3 size from which IOPS can be provisioned (the volume is striped); SQL Server has none. */
function gp3Threshold(family: RdsEngineFamily): number | undefined {
  return family === "sqlserver" ? undefined : family === "oracle" ? 200 : 400;
}

/** IOPS range RDS accepts for a storage type, family and size. */
function iopsRange(type: string, family: RdsEngineFamily, size: number): Range | undefined {
  switch (type) {
    case "gp3":
      return family === "sqlserver" ? { min: 3000, max: 16000 } : { min: 12000, max: 64000 };
    case "io1":
      if (family === "sqlserver") return { min: 1000, max: 64000 };
      if (family === "oracle") return size < 200 ? { min: 1000, max: 9950 } : { min: 1000, max: 256000 };
      return size < 400 ? { min: 1000, max: 19950 } : { min: 1000, max: 256000 };
    case "io2":
      if (family === "oracle" && size < 200) return { min: 1000, max: 199000 };
      return { min: 1000, max: 256000 };
    default:
      return undefined;
  }
}

/** IOPS per GiB RDS accepts for a storage type and family. */
function ratioRange(type: string, family: RdsEngineFamily): Range | undefined {
  switch (type) {
    case "gp3":
      return { min: family === "sqlserver" ? 0.5 : 0, max: 500 };
    case "io1":
      return { min: family === "sqlserver" ? 1 : 0.5, max: 50 };
    case "io2":
      // 0.5-1,000 on Nitro instance classes (every current class), 0.5-500 on the older ones.
      return { min: 0.5, max: 1000 };
    default:
      return undefined;
  }
}

/**
 * What RDS would refuse in a storage declaration (empty when it accepts it). Multi-AZ DB clusters take io1, io2 or
 * gp3, always with provisioned IOPS of 0.5 to 50 per GiB; DB instances follow the per-engine tables.
 */
export function rdsStorageProblems(s: RdsStorage): StorageProblem[] {
  const family = rdsEngineFamily(s.engine);
  const out: StorageProblem[] = [];
  const size = s.allocatedStorageGb;
  if (s.deployment === "multi-az-cluster") {
    if (!(RDS_STORAGE_TYPES as readonly string[]).includes(s.storageType)) out.push({ property: "storageType", expected: `"io1", "io2" or "gp3" for a Multi-AZ DB cluster` });
    if (s.iops === undefined) {
      out.push({ property: "iops", expected: "provisioned IOPS: RDS requires them to create a Multi-AZ DB cluster" });
    } else if (s.iops < 0.5 * size || s.iops > 50 * size) {
      out.push({ property: "iops", expected: `0.5 to 50 IOPS per GiB for a Multi-AZ DB cluster: ${fmt(Math.ceil(0.5 * size))}-${fmt(50 * size)} for ${fmt(size)} GiB` });
    }
    return out;
  }
  const sizes = sizeRange(s.storageType, family);
  if (!sizes) return [{ property: "storageType", expected: `"gp3", "io1" or "io2"` }];
  if (!within(size, sizes)) out.push({ property: "allocatedStorage", expected: `${rangeText(sizes, "GiB")} for ${s.storageType} storage on ${s.engine}` });
  if (s.storageType === "gp3") {
    const threshold = gp3Threshold(family);
    if (threshold !== undefined && size < threshold) {
      if (s.iops !== undefined) {
        out.push({ property: "iops", expected: `no provisioned IOPS: ${s.engine} gp3 volumes below ${threshold} GiB run at the 3,000 IOPS baseline and take no IOPS setting` });
      }
      return out;
    }
    if (s.iops === undefined) return out;
  } else if (s.iops === undefined) {
    out.push({ property: "iops", expected: `provisioned IOPS for ${s.storageType} storage` });
    return out;
  }
  const iops = s.iops;
  const range = iopsRange(s.storageType, family, size)!;
  const ratio = ratioRange(s.storageType, family)!;
  if (!within(iops, range)) out.push({ property: "iops", expected: `${rangeText(range, "IOPS")} for ${s.storageType} storage of ${fmt(size)} GiB on ${s.engine}` });
  else if (iops / size > ratio.max || iops / size < ratio.min) {
    out.push({
      property: "iops",
      expected: `${ratio.min ? `${ratio.min} to ` : "at most "}${ratio.max} IOPS per GiB for ${s.storageType}: ${fmt(Math.ceil(ratio.min * size))}-${fmt(Math.floor(ratio.max * size))} for ${fmt(size)} GiB`,
    });
  }
  return out;
}
