// SPEC D4, issue 14 part 5: the tenant key (council_id) on every council-owned table and in the key
// of every index on it, so the installation can be sharded by council (Citus, docs/adr/0008)
// without redesigning the schema. Reads the catalog after every migration: a new table or index
// without the key fails here unless it is listed below with its reason.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase, type TestDatabase } from "./testing/test-database.ts";

/** Tables of the whole installation, not of one council, and why. */
const INSTALLATION_TABLES: Record<string, string> = {
  council: "the tenants themselves: its id is the key (a reference table in Citus)",
  kysely_migration: "the migrations applied: the schema is the same for every council",
  kysely_migration_lock: "the migrator's lock",
  auth_secret: "the installation's signing secrets",
  pre_session: "a browser before anyone signs in: no council yet",
  sign_in_limit: "sign-in attempts counted by email and address before the council is known",
  app_user_password: "password hashes kept apart from app_user (migration 0010), read only by the sign-in function, keyed by user",
  // Found by a token or an expiry before any council is known; each row names its council.
  advice_link_lookup: "finds a professional's advice link by its token before the council is known (a reference table in Citus)",
  survey_link_lookup: "finds a survey link by its token before the council is known (a reference table in Citus)",
  notify_receipt_lookup: "finds a GOV.UK Notify receipt's council by Notify's id",
  sign_in_second_step: "a sign-in half done (password given, second factor not yet), found by its token",
  sso_attempt: "a single sign-on attempt, found by its state when the identity provider sends the person back",
};

const OWN_ID =
  "primary key on the row's own generated id, unique across the installation by construction; Citus needs (council_id, id) with composite foreign keys, made at the move (ADR 0008)";
const PER_PARENT =
  "unique within a parent row (plan, action, forum, complaint, sample, user) that belongs to one council, so already unique per council; Citus needs council_id added, with the ON CONFLICT targets that name these columns (ADR 0008)";
const GLOBAL =
  "unique across the installation on purpose: found before any council is known (sign-in by email, a link's or a session's token); in Citus a lookup table like advice_link_lookup (ADR 0008)";

/** Indexes of council-owned tables without council_id in their key, and why. */
const INDEX_EXCEPTIONS: Record<string, string> = {
  ...Object.fromEntries(
    [
      "action_measure_link_pkey",
      "action_update_pkey",
      "advice_file_pkey",
      "advice_link_pkey",
      "app_user_pkey",
      "audit_event_pkey",
      "case_access_reason_pkey",
      "case_event_pkey",
      "child_case_pkey",
      "complaint_pkey",
      "complaint_stage_pkey",
      "entered_measure_pkey",
      "entered_measure_entry_pkey",
      "form_submission_pkey",
      "forum_pkey",
      "forum_meeting_pkey",
      "import_upload_pkey",
      "measure_rating_kept_pkey",
      "meeting_decision_pkey",
      "outbox_message_pkey",
      "partner_comment_pkey",
      "password_link_pkey",
      "plan_pkey",
      "plan_action_pkey",
      "plan_action_move_pkey",
      "plan_evidence_pkey",
      "plan_publication_pkey",
      "plan_section_pkey",
      "quality_audit_pkey",
      "quality_framework_pkey",
      "quality_sample_pkey",
      "recovery_code_pkey",
      "school_closure_pkey",
      "sen2_import_pkey",
      "survey_invite_pkey",
      "survey_response_pkey",
      "user_session_pkey",
    ].map((name) => [name, OWN_ID]),
  ),
  ...Object.fromEntries(
    [
      "action_measure_link_action_id_measure_id_key",
      "complaint_stage_complaint_id_stage_key",
      "entered_measure_entry_supersedes_key",
      "forum_meeting_forum_id_meeting_date_key",
      "plan_action_plan_id_external_id_key",
      "plan_action_forum_pkey",
      "plan_closure_disposition_pkey",
      "plan_closure_narrative_pkey",
      "plan_import_mapping_pkey",
      "public_commentary_pkey",
      "quality_audit_sample_id_case_id_key",
      "recovery_code_user_id_code_hash_key",
      "user_second_factor_pkey",
    ].map((name) => [name, PER_PARENT]),
  ),
  ...Object.fromEntries(
    [
      "app_user_email_key",
      "advice_link_token_hash_key",
      "password_link_token_hash_key",
      "survey_invite_token_hash_key",
      "user_session_token_hash_key",
    ].map((name) => [name, GLOBAL]),
  ),
};

describe("the tenant key on every table and index (SPEC D4)", () => {
  let testDb: TestDatabase;
  let tables: { name: string; rls: boolean; hasCouncil: boolean }[];
  let indexes: { table: string; name: string; unique: boolean; keyColumns: string[] }[];

  before(async () => {
    // Migrated by openTestDatabase; read as the owner, who sees every table.
    testDb = await openTestDatabase();
    const owner = testDb.database.ownerPool();
    tables = (
      await owner.query<{ name: string; rls: boolean; hasCouncil: boolean }>(`
          SELECT c.relname AS name, c.relrowsecurity AS rls,
                 EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'council_id' AND NOT a.attisdropped) AS "hasCouncil"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           ORDER BY 1`)
    ).rows;
    // Key columns only (not INCLUDE): each by pg_get_indexdef's column form, so an expression shows as itself.
    indexes = (
      await owner.query<{ table: string; name: string; unique: boolean; keyColumns: string[] }>(`
          SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique,
                 ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k) AS "keyColumns"
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
           WHERE n.nspname = 'public'
           ORDER BY 1, 2`)
    ).rows;
  });
  after(async () => {
    await testDb?.close();
  });

  test("the catalog was read (the checks below have something to check)", () => {
    assert.ok(tables.filter((t) => t.rls).length > 50, `only ${tables.length} tables found`);
    assert.ok(indexes.length > 100, `only ${indexes.length} indexes found`);
  });

  test("every table is council-owned (row-level security and council_id) or listed as the installation's, with its reason", () => {
    const problems = tables.flatMap((t) => {
      if (t.name in INSTALLATION_TABLES)
        return t.rls && t.name !== "council" ? [`${t.name} is listed as the installation's but has row-level security`] : [];
      if (!t.rls) return [`${t.name} has no row-level security and is not listed as the installation's`];
      return t.hasCouncil ? [] : [`${t.name} has row-level security but no council_id column`];
    });
    assert.deepEqual(problems, []);
  });

  test("every index of a council-owned table has council_id in its key, or is listed with its reason", () => {
    const owned = new Set(tables.filter((t) => !(t.name in INSTALLATION_TABLES)).map((t) => t.name));
    const missing = indexes
      .filter((i) => owned.has(i.table) && !i.keyColumns.includes("council_id") && !(i.name in INDEX_EXCEPTIONS))
      .map((i) => `${i.table}: ${i.name} (${i.keyColumns.join(", ")})`);
    assert.deepEqual(missing, []);
  });

  test("every listed exception is still an index without council_id, so the list stays true", () => {
    const byName = new Map(indexes.map((i) => [i.name, i]));
    const stale = Object.keys(INDEX_EXCEPTIONS).filter((name) => {
      const index = byName.get(name);
      return !index || index.keyColumns.includes("council_id");
    });
    assert.deepEqual(stale, []);
    // A non-unique index never needs an exception: council_id can always lead it.
    const nonUnique = Object.keys(INDEX_EXCEPTIONS).filter((name) => byName.get(name)?.unique === false);
    assert.deepEqual(nonUnique, []);
  });
});
