// The audit trail in plain words: every action code the code writes has a description (found by
// reading the source, so a new code without one fails here), times in UK time on a 24-hour clock,
// children named only to those who may see them, and a CSV that a spreadsheet cannot run.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { EVENT_KINDS } from "../../domain/cases/events.ts";
import { projectRoot } from "../../platform/assets.ts";
import { formatDateTime } from "../../platform/views.ts";
import { type AuditRow, auditCsv, auditViewModel, describeAuditEvent, hasDescription } from "./audit.presenter.ts";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every audit action code written by the application and the database functions. */
function actionCodesInSource(): Set<string> {
  const codes = new Set<string>();
  const files = [...sourceFiles(path.join(projectRoot, "src")), ...sourceFiles(path.join(projectRoot, "migrations"))].filter(
    (f) => !f.endsWith("audit.presenter.ts"),
  );
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    // action: "x.y", and action: cond ? "x.y" : "x.z"
    for (const m of source.matchAll(/\baction:\s*(?:[^,{}\n"]*\?\s*)?"([a-z][a-z.-]*\.[a-z.-]+)"(?:\s*:\s*"([a-z][a-z.-]*\.[a-z.-]+)")?/g)) {
      codes.add(m[1] as string);
      if (m[2]) codes.add(m[2]);
    }
    // Written through the database's sign-in functions, and inside them (migrations).
    for (const m of source.matchAll(/auditSignIn\([^)]*?"([a-z-]+\.[a-z-]+)"/g)) codes.add(m[1] as string);
    for (const m of source.matchAll(/"(sign-in\.[a-z-]+)"(?= \|)/g)) codes.add(m[1] as string);
    for (const m of source.matchAll(/'((?:sign-in|session)\.[a-z-]+)'/g)) codes.add(m[1] as string);
    // One code per kind of case event.
    if (/action: `case\.\$\{kind\}`/.test(source)) for (const kind of EVENT_KINDS) codes.add(`case.${kind}`);
  }
  return codes;
}

test("every audit action code used in the source has a plain-words description", () => {
  const codes = actionCodesInSource();
  // The scan finds the codes it should (so it cannot pass by finding nothing).
  for (const known of ["session.started", "sign-in.failed", "sign-in.throttled", "plan.import.check-asked", "case.viewed", "case.adviceRequested"]) {
    assert.ok(codes.has(known), `the scan missed ${known}`);
  }
  assert.ok(codes.size >= 45, `only ${codes.size} codes found`);
  const missing = [...codes].filter((code) => !hasDescription(code));
  assert.deepEqual(missing, [], `audit codes without a description in audit.presenter.ts: ${missing.join(", ")}`);
  // Written by the register's pages (another change): described already.
  assert.ok(hasDescription("cases.register.viewed"));
  assert.ok(hasDescription("cases.register.downloaded"));
});

const row = (fields: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: new Date("2026-03-09T12:42:00Z"),
  action: "session.started",
  subject_type: "user",
  subject_id: "6f1c2a9e-0000-4000-8000-000000000001",
  before: null,
  after: null,
  actor_name: "Sam Manager",
  subject_user_name: null,
  plan_title: null,
  action_number: null,
  plan_scheme: null,
  child_name: null,
  ...fields,
});
const manager = { maySeeChildren: true };
const administrator = { maySeeChildren: false };

test("entries read as sentences, not codes and JSON", () => {
  assert.equal(
    describeAuditEvent(row({ action: "cases.register.downloaded", subject_type: "council", after: { format: "csv", count: 2000 } }), manager),
    "Sam Manager downloaded the register as CSV (2,000 children)",
  );
  assert.equal(
    describeAuditEvent(row({ action: "cases.register.viewed", after: { count: 1 } }), manager),
    "Sam Manager viewed the register (1 child)",
  );
  const scheme = { code: "rag", statuses: [{ code: "amber", label: "Amber" }] };
  assert.equal(
    describeAuditEvent(
      row({
        action: "plan.update.added",
        actor_name: "Jo Lead",
        action_number: "1.2",
        plan_scheme: scheme,
        after: { status: "amber", date: "2026-03-09" },
      }),
      manager,
    ),
    "Jo Lead changed the status of action 1.2 to Amber (update dated 9 March 2026)",
  );
  assert.equal(
    describeAuditEvent(row({ action: "plan.import.check-asked", actor_name: "Jo Lead" }), manager),
    "Jo Lead asked for an uploaded plan file to be checked",
  );
  assert.equal(
    describeAuditEvent(
      row({ action: "sign-in.failed", actor_name: null, subject_user_name: "Sam Manager", after: { reason: "wrong password" } }),
      manager,
    ),
    "Someone failed to sign in as Sam Manager (wrong password)",
  );
  assert.equal(
    describeAuditEvent(
      row({
        action: "plan.action.edited",
        action_number: "2.1",
        plan_title: "WSOA",
        before: { text: "a", lead_name: "x" },
        after: { text: "b", lead_name: "x" },
      }),
      manager,
    ),
    "Sam Manager changed action 2.1 of the plan “WSOA”: wording",
  );
  assert.equal(
    describeAuditEvent(row({ action: "cases.imported", actor_name: null, after: { cases: 2400 } }), manager),
    "The system loaded 2,400 children's cases",
  );
  assert.equal(describeAuditEvent(row({ action: "some.future-code" }), manager), "Sam Manager: some.future-code");
});

test("a child is named only to those who may see children's records", () => {
  const viewed = row({ action: "case.viewed", subject_type: "case", child_name: "Amy Example", after: { reason: "managing" } });
  assert.equal(describeAuditEvent(viewed, manager), "Sam Manager opened the case of Amy Example: “I manage or supervise this case”");
  assert.equal(
    describeAuditEvent(viewed, administrator),
    "Sam Manager opened a child's case (reference 6f1c2a9e): “I manage or supervise this case”",
  );
  const recorded = row({ action: "case.adviceRequested", subject_type: "case", child_name: "Amy Example" });
  assert.equal(describeAuditEvent(recorded, administrator), "Sam Manager recorded “Advice requested” on a child's case (reference 6f1c2a9e)");
});

test("times are UK time on a 24-hour clock (never '0:42 pm')", () => {
  assert.equal(formatDateTime(new Date("2026-01-09T00:42:00Z")), "9 January 2026, 00:42");
  assert.equal(formatDateTime(new Date("2026-07-01T11:42:00Z")), "1 July 2026, 12:42");
  assert.equal(formatDateTime(new Date("2026-07-01T23:05:00Z")), "2 July 2026, 00:05");
  assert.equal(auditViewModel([row({})], manager)[0]?.when, "9 March 2026, 12:42");
});

test("the CSV has the words and the record, and no cell a spreadsheet would run", () => {
  const csv = auditCsv([row({ action: "user.created", after: { display_name: '=HYPERLINK("x")', roles: ["caseworker"] } })], manager);
  const [header, line] = csv.split("\r\n");
  assert.equal(header, "When (UTC),When (UK time),Who,What happened,Action code,Subject type,Subject id,Before,After");
  assert.match(line ?? "", /^2026-03-09T12:42:00.000Z,"9 March 2026, 12:42",Sam Manager,/);
  assert.match(line ?? "", /,"Sam Manager added =HYPERLINK\(""x""\) as Caseworker",user.created,/);
  assert.doesNotMatch(line ?? "", /,=/);
  const formula = auditCsv([row({ actor_name: "=1+1" })], manager).split("\r\n")[1] ?? "";
  assert.match(formula, /,'=1\+1,/);
});
