import "server-only";
import type { SqlSession } from "./sql-session";

// Role names Stagegate will put in SQL: PostgreSQL's unquoted identifiers, at most 63 characters.
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isRuntimeRoleName(role: string): boolean {
  return ROLE_NAME.test(role);
}

/**
 * The grants that make `role` Stagegate's runtime role, as one PL/pgSQL block run by the owner of
 * the tables (the migration role). The runtime role reads and writes every table, but only
 * SELECT and INSERT on the append-only ones (audit_events and every table whose trigger calls
 * audit_events_refuse_change), never owns them (so it cannot ALTER TABLE … DISABLE TRIGGER) and
 * never touches the migrations' bookkeeping. The block refuses a role that would still be able to
 * change the audit trail afterwards (a superuser, a member of the owner, or pg_write_all_data),
 * and rolls back as a whole. Idempotent: run it again after every migration.
 */
export function runtimeRoleGrantSql(role: string): string {
  if (!isRuntimeRoleName(role)) throw new Error(`"${role}" is not a role name Stagegate accepts (lower-case letters, digits and _, starting with a letter or _)`);
  return `DO $grant$
DECLARE
  runtime_role text := '${role}';
  owner_role text;
  append_only record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime_role) THEN
    RAISE EXCEPTION 'role % does not exist; create it first: CREATE ROLE % LOGIN PASSWORD ''…''', runtime_role, runtime_role;
  END IF;
  SELECT tableowner INTO owner_role FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_events';
  IF owner_role IS NULL THEN
    RAISE EXCEPTION 'audit_events does not exist in schema %: apply the migrations first', current_schema();
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime_role AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'role % is a superuser or bypasses row security: it could disable the audit trail''s triggers', runtime_role;
  END IF;
  IF pg_has_role(runtime_role, owner_role, 'MEMBER') THEN
    RAISE EXCEPTION 'role % is (a member of) %, the owner of audit_events: it could disable the audit trail''s triggers; use a role of its own', runtime_role, owner_role;
  END IF;

  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), runtime_role);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), runtime_role);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), runtime_role);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), runtime_role);
  -- Tables later migrations create get the same DML; run this again to restrict new append-only ones.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', current_schema(), runtime_role);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', current_schema(), runtime_role);
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I.%I FROM %I', current_schema(), '_prisma_migrations', runtime_role);
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I.%I FROM %I', current_schema(), 'audit_events', runtime_role);
  FOR append_only IN
    SELECT DISTINCT c.relname FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_proc p ON p.oid = t.tgfoid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE p.proname = 'audit_events_refuse_change' AND n.nspname = current_schema()
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I.%I FROM %I', current_schema(), append_only.relname, runtime_role);
  END LOOP;

  -- Privileges can also come through other roles (PUBLIC, pg_write_all_data …): check the outcome.
  IF has_table_privilege(runtime_role, format('%I.%I', current_schema(), 'audit_events'), 'UPDATE, DELETE, TRUNCATE, TRIGGER') THEN
    RAISE EXCEPTION 'role % may still change audit_events through another role it belongs to (e.g. pg_write_all_data); remove that membership', runtime_role;
  END IF;
END
$grant$;`;
}

/** Applies runtimeRoleGrantSql as the session's role, which must own the tables (or be a superuser). */
export async function grantRuntimeRole(session: SqlSession, role: string): Promise<void> {
  await session.runScript(runtimeRoleGrantSql(role));
}
