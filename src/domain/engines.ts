/**
 * CENM 1.7's database support matrix, and how each supported engine maps onto AWS RDS.
 *
 * CENM 1.7 supports PostgreSQL 12-16, SQL Server 2022 (and Azure SQL), Oracle 11gR2, 12cR2, 19c and 23ai.
 * RDS offers Oracle 19c (not 11gR2, 12cR2 or 23ai), so the AWS side accepts Oracle 19 only.
 */
import type { Engine, Topology } from "./vocabulary";

export interface EngineVersionRule {
  /** Matches the versions CENM supports. */
  pattern: RegExp;
  /** Human description used in errors. */
  expected: string;
}

export const SUPPORTED_VERSIONS: Record<Engine, EngineVersionRule> = {
  postgres: {
    pattern: /^(1[2-6])(\.\d+)?$/,
    expected: "PostgreSQL 12, 13, 14, 15 or 16 (major or major.minor, e.g. \"16.6\")",
  },
  sqlserver: {
    pattern: /^16\.00(\.\d{4}\.\d+(\.v\d+)?)?$/,
    expected: "SQL Server 2022, written 16.00 or a full RDS version such as 16.00.4185.3.v1",
  },
  oracle: {
    pattern: /^19(\.0\.0\.0(\.ru-\d{4}-\d{2}\.rur-\d{4}-\d{2}\.r\d+)?)?$/,
    expected: "Oracle 19c, written 19 or a full RDS version such as 19.0.0.0.ru-2025-07.rur-2025-07.r1 (RDS offers no other CENM-supported Oracle release)",
  },
};

/**
 * Versions a cloud offers beyond CENM's support matrix, which a stack may run only with a written
 * `db-engine-version` waiver (for example a PostgreSQL release newer than CENM has been tested with). A version
 * neither CENM supports nor the cloud offers is refused whatever the waivers: the cloud would refuse it.
 */
export const OFFERED_VERSIONS: Record<"aws" | "azure", Partial<Record<Engine, EngineVersionRule & { source: string }>>> = {
  aws: {
    postgres: {
      pattern: /^(1[2-7])(\.\d+)?$/,
      expected: "a PostgreSQL major version RDS offers: 12 to 17 (12 in RDS Extended Support)",
      source: "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
    },
    sqlserver: {
      pattern: /^1[56]\.00(\.\d{4}\.\d+(\.v\d+)?)?$/,
      expected: "SQL Server 2019 or 2022 as RDS offers them (15.00 or 16.00)",
      source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_SQLServer.html",
    },
  },
  azure: {
    postgres: {
      pattern: /^(1[3-7])(\.\d+)?$/,
      expected: "a PostgreSQL major version Azure Database for PostgreSQL flexible server offers: 13 to 17",
      source: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-supported-versions",
    },
  },
};

/**
 * Whether a stack may run `version` of `engine` on `cloud`: CENM supports it, or the stack holds a written
 * `db-engine-version` waiver and the cloud offers it. Returns what is expected when it may not.
 */
export function engineVersionProblem(cloud: "aws" | "azure", engine: Engine, version: string, waived: boolean): string | undefined {
  const supported = SUPPORTED_VERSIONS[engine];
  if (supported.pattern.test(version)) return undefined;
  const offered = OFFERED_VERSIONS[cloud][engine];
  if (waived) return offered && offered.pattern.test(version) ? undefined : `${supported.expected}${offered ? `, or with the waiver ${offered.expected} (${offered.source})` : ""}`;
  return `${supported.expected}, or a waiver "db-engine-version" with a written reason for a version the cloud offers beyond CENM's matrix`;
}

/** Major version of an engine version string: "16.6" -> "16", "16.00.4185.3.v1" -> "16.0", "19.0.0.0..." -> "19". */
export function majorVersion(engine: Engine, version: string): string {
  const [first] = version.split(".");
  return engine === "sqlserver" ? `${first}.0` : first;
}

export interface RdsEngine {
  /** RDS engine name. */
  engine: string;
  /** Parameter group family. */
  family: string;
  port: number;
  /** Name of the parameter that forces TLS, when the engine has one. */
  forceTlsParameter?: string;
}

/** The RDS engine name, parameter group family and port of a CENM engine. */
export function rdsEngine(engine: Engine, version: string, edition: string | undefined): RdsEngine {
  const major = majorVersion(engine, version);
  switch (engine) {
    case "postgres":
      return { engine: "postgres", family: `postgres${major}`, port: 5432, forceTlsParameter: "rds.force_ssl" };
    case "sqlserver": {
      const ed = edition ?? "ee";
      return { engine: `sqlserver-${ed}`, family: `sqlserver-${ed}-${major}`, port: 1433, forceTlsParameter: "rds.force_ssl" };
    }
    case "oracle": {
      const ed = edition ?? "ee";
      // Oracle enforces TLS through the SSL option of an option group (port 2484), not a parameter.
      return { engine: `oracle-${ed}`, family: `oracle-${ed}-${major}`, port: 2484 };
    }
  }
}

/** Editions each engine accepts on RDS (Multi-AZ needs SQL Server SE or EE). */
export const EDITIONS: Record<Engine, readonly string[]> = {
  postgres: [],
  sqlserver: ["ee", "se"],
  oracle: ["ee", "se2"],
};

/** Topologies each engine supports on RDS: Multi-AZ DB clusters exist for PostgreSQL (13 and later) only. */
export function topologySupported(engine: Engine, version: string, topology: Topology): string | undefined {
  if (topology !== "multi-az-cluster") return undefined;
  if (engine !== "postgres") return "a Multi-AZ DB cluster exists for PostgreSQL only; use multi-az-instance";
  if (Number(majorVersion(engine, version)) < 13) return "a Multi-AZ DB cluster needs PostgreSQL 13 or later";
  return undefined;
}
