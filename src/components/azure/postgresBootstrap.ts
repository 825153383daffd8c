/**
 * The DBA bootstrap of the CENM PostgreSQL flexible server: the SQL that creates each CENM service's role and a
 * database owned by that role, then proves that no CENM database is owned by a role Azure Backup skips.
 *
 * Why the databases are created here and not through Azure Resource Manager: Azure Backup's vaulted backups of a
 * flexible server leave out every database owned by `azuresu` or `azure_pg_admin` (the backup support matrix,
 * AZURE_DOCS.postgresVaultedBackup), and the ARM databases API takes no owner. A user reports that on a server with
 * password sign-in off, a database created through ARM can end up owned by `azuresu`, where no other role can be
 * granted anything on it (AZURE_DOCS.postgresArmDatabaseOwner). A database this script creates has the owner it
 * names, so the owner is settled by the script, and its last statement fails unless every CENM database exists and
 * is owned by its service's role.
 */
import type { ServiceDatabase } from "../types";

/** Roles whose databases Azure Backup's vaulted flexible-server backups leave out (the support matrix). */
export const VAULT_SKIPPED_OWNERS = ["azuresu", "azure_pg_admin"] as const;

/**
 * Microsoft's page on Entra roles of a flexible server: `pgaadauth_create_principal(roleName, isAdmin, isMfa)` creates
 * a role mapped to the Entra principal of that name (a user's principal name, a group's or service principal's
 * display name); with isAdmin false it is a regular role, without CREATEROLE or CREATEDB. The server's Entra
 * administrators are members of azure_pg_admin with CREATEROLE and CREATEDB.
 */
export const POSTGRES_ENTRA_ROLES_DOC = "https://learn.microsoft.com/azure/postgresql/security/security-manage-entra-users";

/** PostgreSQL: CREATE DATABASE ... OWNER needs the creator to be able to act as (SET ROLE to) the new owner. */
export const POSTGRES_CREATE_DATABASE_DOC = "https://www.postgresql.org/docs/16/sql-createdatabase.html";

/** Encoding and collation of each CENM database (what the package declared through ARM before). */
export const CENM_DATABASE_ENCODING = "UTF8";
export const CENM_DATABASE_COLLATION = "en_US.utf8";

/** A PostgreSQL identifier, double-quoted. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A PostgreSQL string literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The bootstrap script, for psql, signed in as a member of the server's Entra administrator group (the only way in:
 * password sign-in is off). Idempotent: a second run creates nothing and checks again.
 *
 * For each CENM service: the role of its Entra identity (`user`, which must be that identity's display name); the
 * administrator's membership of that role, which PostgreSQL requires before it names the role as a database owner
 * and which lets the administrator restore a dump as the role later (`pg_restore --role`); the database, created
 * owned by the role or, if it already exists, handed to it. The final block raises an error naming each CENM
 * database that is missing or not owned by its service's role.
 */
export function postgresBootstrapSql(databases: readonly ServiceDatabase[]): string {
  const lines: string[] = [
    "-- CENM database bootstrap, written by cenm-backup. Run it with psql as a member of the server's Entra",
    "-- administrator group, connected to the postgres database. Each CENM service gets a role mapped to its Entra",
    "-- identity and a database that role owns: Azure Backup's vaulted backups skip databases owned by azuresu or",
    "-- azure_pg_admin, so no CENM database may be left with either owner.",
    "\\set ON_ERROR_STOP on",
  ];
  for (const db of databases) {
    const role = ident(db.user);
    lines.push(
      "",
      `-- ${db.service}: role ${db.user}, database ${db.name}`,
      `SELECT pgaadauth_create_principal(${literal(db.user)}, false, false) WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(db.user)});`,
      `GRANT ${role} TO CURRENT_USER;`,
      `SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L LC_COLLATE %L LC_CTYPE %L TEMPLATE template0', ${literal(db.name)}, ${literal(db.user)}, ${literal(CENM_DATABASE_ENCODING)}, ${literal(CENM_DATABASE_COLLATION)}, ${literal(CENM_DATABASE_COLLATION)}) WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${literal(db.name)}) \\gexec`,
      `ALTER DATABASE ${ident(db.name)} OWNER TO ${role};`,
    );
  }
  const wanted = databases.map((db) => `(${literal(db.name)}, ${literal(db.user)})`).join(", ");
  lines.push(
    "",
    "-- Proof: every CENM database exists and is owned by its service's role (so the vaulted backups include it).",
    "DO $$",
    "DECLARE wrong text;",
    "BEGIN",
    "  SELECT string_agg(format('%s (owner %s, expected %s)', w.db, coalesce(r.rolname, 'none: missing'), w.owner), ', ') INTO wrong",
    `  FROM (VALUES ${wanted}) AS w(db, owner)`,
    "  LEFT JOIN pg_database d ON d.datname = w.db",
    "  LEFT JOIN pg_roles r ON r.oid = d.datdba",
    "  WHERE r.rolname IS DISTINCT FROM w.owner;",
    "  IF wrong IS NOT NULL THEN",
    "    RAISE EXCEPTION 'CENM databases not owned by their service role: %', wrong;",
    "  END IF;",
    "END $$;",
    "",
  );
  return lines.join("\n");
}
