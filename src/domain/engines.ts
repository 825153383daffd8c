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
