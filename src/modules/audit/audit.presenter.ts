// The audit trail in plain words for the people who read it ("Sam Manager downloaded the register
// (2,000 children)"), not codes and JSON. Every action code the service writes has a description
// here; audit.presenter.test.ts checks that against the code.
import { EVENT_KINDS, EVENT_TITLES } from "../../domain/cases/events.ts";
import { ROLE_LABELS, type Role } from "../../domain/roles.ts";
import { formatDateTime } from "../../platform/views.ts";
import { ACCESS_REASONS } from "../cases/cases.schemas.ts";

/** An audit row with the names that make it readable (joined by the repository). */
export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  actor_name: string | null;
  subject_user_name: string | null;
  plan_title: string | null;
  action_number: string | null;
  plan_scheme: unknown;
  child_name: string | null;
}

/** Who reads: a person who may not see children's records sees a case reference, not a name. */
export interface AuditReader {
  maySeeChildren: boolean;
}

/** Sign-in noise, on a tab of its own. */
export const SIGN_IN_ACTIONS = [
  "session.started",
  "session.ended",
  "sign-in.failed",
  "sign-in.throttled",
  "sign-in.sso-refused",
  "user.sso-checked",
  "sign-in.code-failed",
  "sign-in.code-throttled",
] as const;

type Describe = (who: string, row: AuditRow, reader: AuditReader) => string;

interface ActionText {
  /** Short words for the filter's list ("Signed in"). */
  label: string;
  /** The sentence, starting with who did it. */
  describe: Describe;
}

const count = (n: unknown, one: string, many: string) => {
  const value = typeof n === "number" ? n : Number(n ?? 0);
  return `${value.toLocaleString("en-GB")} ${value === 1 ? one : many}`;
};
const field = (value: unknown, key: string): unknown => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined);
const text = (value: unknown, fallback = "") => (typeof value === "string" && value ? value : fallback);
const planName = (row: AuditRow) => (row.plan_title ? `the plan “${row.plan_title}”` : "a plan that has since gone");
const actionName = (row: AuditRow) => (row.action_number ? `action ${row.action_number}` : "an action");
const personName = (row: AuditRow) => row.subject_user_name ?? "an account that has since gone";
const bytes = (n: unknown) => {
  const value = Number(n ?? 0);
  return value >= 1_048_576 ? `${(value / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(value / 1024))} KB`;
};

/** "the case of Amy Smith" for those who may see children; otherwise a reference only. */
export function childName(row: AuditRow, reader: AuditReader): string {
  if (reader.maySeeChildren && row.child_name) return `the case of ${row.child_name}`;
  return `a child's case (reference ${row.subject_id.slice(0, 8)})`;
}

function statusLabel(row: AuditRow, code: unknown): string {
  const statuses = field(row.plan_scheme, "statuses");
  const found = Array.isArray(statuses) ? statuses.find((s) => field(s, "code") === code) : undefined;
  return text(field(found, "label"), text(code, "a status"));
}

function reasonWords(reason: unknown): string {
  const code = typeof reason === "string" ? reason : field(reason, "reason");
  if (code === "caseworker") return "they are the child's caseworker";
  const words = ACCESS_REASONS[code as keyof typeof ACCESS_REASONS];
  const detail = text(field(reason, "detail"));
  return words ? `“${words}”${detail ? `: ${detail}` : ""}` : "no reason recorded";
}

const ACTION_FIELDS: Record<string, string> = {
  number: "number",
  text: "wording",
  success_measures: "success measures",
  lead_name: "lead",
  lead_role: "lead's role",
  timescale: "timescale",
  due_date: "due date",
  external_dependency: "external dependency",
};

function changedFields(before: unknown, after: unknown): string {
  const names = Object.entries(ACTION_FIELDS)
    .filter(([key]) => JSON.stringify(field(before, key) ?? null) !== JSON.stringify(field(after, key) ?? null))
    .map(([, name]) => name);
  return names.length ? names.join(", ") : "nothing visible";
}

const SSO_REASONS: Record<string, string> = {
  "not invited": "not invited",
  "wrong-tenant": "an account of another directory",
  "no-person-id": "no object id in the token",
  "no-role": "no role assigned",
  "group-overage": "too many groups to read the roles",
  "switched-off": "the account is switched off",
};

const ACTIONS: Record<string, ActionText> = {
  "session.started": {
    label: "Signed in",
    describe: (who, row) => {
      const how = field(row.after, "how");
      if (how === "password and recovery code")
        return `${who} signed in with a recovery code (${count(field(row.after, "recoveryCodesLeft"), "code", "codes")} left)`;
      return how === "password and authenticator app" ? `${who} signed in with a password and an authenticator app code` : `${who} signed in`;
    },
  },
  "sign-in.code-failed": {
    label: "Sign-in code wrong",
    describe: (_who, row) => `A wrong authenticator code was entered after the right password for ${personName(row)}`,
  },
  "sign-in.code-throttled": {
    label: "Sign-in code refused: too many attempts",
    describe: (_who, row) => `Too many wrong authenticator codes for ${personName(row)}: no more are checked for 15 minutes`,
  },
  "user.second-factor-started": {
    label: "Two-step sign-in being set up",
    describe: (who) => `${who} started setting up an authenticator app for two-step sign-in`,
  },
  "user.second-factor-on": {
    label: "Two-step sign-in turned on",
    describe: (who, row) =>
      `${who} turned on two-step sign-in with an authenticator app (${count(field(row.after, "recoveryCodes"), "recovery code", "recovery codes")} made)`,
  },
  "user.second-factor-off": {
    label: "Two-step sign-in turned off",
    describe: (who, row) => `${who} turned off two-step sign-in (proved with ${text(field(row.after, "provedWith"), "a code")})`,
  },
  "user.second-factor-code-failed": {
    label: "Two-step code wrong",
    describe: (who) => `${who} entered a wrong authenticator code while turning two-step sign-in off`,
  },
  "user.second-factor-reset": {
    label: "Two-step sign-in reset",
    describe: (who, row) => `${who} reset the two-step sign-in of ${personName(row)} (their authenticator app and recovery codes were removed)`,
  },
  "session.ended": { label: "Signed out", describe: (who) => `${who} signed out` },
  "sign-in.failed": {
    label: "Sign-in failed",
    describe: (_who, row) => `Someone failed to sign in as ${personName(row)} (${text(field(row.after, "reason"), "wrong details")})`,
  },
  "sign-in.throttled": {
    label: "Sign-in refused: too many attempts",
    describe: (_who, row) => `A sign-in as ${personName(row)} was refused: ${text(field(row.after, "reason"), "too many attempts")}`,
  },
  "council.created": { label: "Council set up", describe: (who, row) => `${who} set up the council ${text(field(row.after, "name"), "")}`.trim() },
  "user.created": {
    label: "Person added",
    describe: (who, row) => {
      const roles = field(row.after, "roles");
      const words = Array.isArray(roles) ? roles.map((r) => ROLE_LABELS[r as Role] ?? String(r)).join(", ") : "";
      return `${who} added ${text(field(row.after, "display_name"), personName(row))}${words ? ` as ${words}` : ""}`;
    },
  },
  "sign-in.sso-refused": {
    label: "Single sign-on refused",
    describe: (_who, row) =>
      `A sign-in through the council's single sign-on${row.subject_type === "user" ? ` as ${personName(row)}` : ""} was refused: ${SSO_REASONS[text(field(row.after, "reason"))] ?? "not allowed"}`,
  },
  "user.sso-checked": {
    label: "Single sign-on checked",
    describe: (_who, row) => {
      const names = (value: unknown) => (Array.isArray(value) ? value.map((r) => ROLE_LABELS[r as Role] ?? String(r)).join(", ") : "none");
      const how = field(row.after, "how") === "invitation" ? " for the first time, using their invitation" : "";
      return `${personName(row)} was recognised by the council's single sign-on${how}, with the roles ${names(field(row.after, "roles"))}`;
    },
  },
  "user.admitted-by-sso": {
    label: "Person admitted by single sign-on",
    describe: (_who, row) =>
      `${text(field(row.after, "display_name"), personName(row))} was admitted by the council's single sign-on without an invitation`,
  },
  "council.sso-configured": {
    label: "Single sign-on set up",
    describe: (who, row) => `${who} set up single sign-on with ${text(field(row.after, "issuer"), "an identity provider")}`,
  },
  "user.invited": {
    label: "Person invited",
    describe: (who, row) => {
      const roles = field(row.after, "roles");
      const words = Array.isArray(roles) ? roles.map((r) => ROLE_LABELS[r as Role] ?? String(r)).join(", ") : "";
      return `${who} invited ${text(field(row.after, "display_name"), personName(row))}${words ? ` as ${words}` : ""} (link ${text(field(row.after, "link"), "made")})`;
    },
  },
  "user.roles-changed": {
    label: "Roles changed",
    describe: (who, row) => {
      const names = (value: unknown) => (Array.isArray(value) ? value.map((r) => ROLE_LABELS[r as Role] ?? String(r)).join(", ") : "none");
      return `${who} changed the roles of ${personName(row)} from ${names(field(row.before, "roles"))} to ${names(field(row.after, "roles"))}`;
    },
  },
  "user.switched-off": {
    label: "Account switched off",
    describe: (who, row) =>
      `${who} switched off the account of ${personName(row)} (${count(field(row.after, "sessionsEnded"), "session", "sessions")} ended)`,
  },
  "user.switched-on": { label: "Account switched on", describe: (who, row) => `${who} switched on the account of ${personName(row)}` },
  "user.password-reset-started": {
    label: "Password reset started",
    describe: (who, row) => `${who} started a password reset for ${personName(row)} (link ${text(field(row.after, "link"), "made")})`,
  },
  "user.password-set": {
    label: "Password chosen with a link",
    describe: (_who, row) => `${personName(row)} chose a password with ${field(row.after, "by") === "invite" ? "their invitation" : "a reset"} link`,
  },
  "user.password-link-refused": {
    label: "Password link refused",
    describe: (_who, row) => `A link to set the password of ${personName(row)} was refused: it had been used or replaced`,
  },
  "plan.created": {
    label: "Plan created",
    describe: (who, row) =>
      `${who} created the plan “${text(field(row.after, "title"), row.plan_title ?? "")}” (${count(field(row.after, "actions"), "action", "actions")})`,
  },
  "plan.imported": {
    label: "Plan updated from a file",
    describe: (who, row) => {
      const changed = field(row.after, "changed");
      const created = field(row.after, "created");
      return `${who} updated ${planName(row)} from a file: ${count(field(changed, "actions"), "action", "actions")} changed, ${count(field(created, "actions"), "action", "actions")} added, ${count(Number(field(changed, "updates") ?? 0) + Number(field(created, "updates") ?? 0), "dated update", "dated updates")}`;
    },
  },
  "plan.update.added": {
    label: "Action status updated",
    describe: (who, row) => {
      const date = text(field(row.after, "date"));
      return `${who} changed the status of ${actionName(row)} to ${statusLabel(row, field(row.after, "status"))}${date ? ` (update dated ${formatIsoDate(date)})` : ""}`;
    },
  },
  "plan.action.edited": {
    label: "Action changed",
    describe: (who, row) => `${who} changed ${actionName(row)} of ${planName(row)}: ${changedFields(row.before, row.after)}`,
  },
  "plan.scheme.changed": {
    label: "Status scheme changed",
    describe: (who, row) => `${who} changed the status scheme of ${planName(row)} to ${text(field(row.after, "name"), "another scheme")}`,
  },
  "plan.publication.changed": {
    label: "Publication changed",
    describe: (who, row) =>
      `${who} ${field(row.after, "published") ? "published" : "stopped publishing"} ${planName(row)} (${count(field(row.after, "publicCommentary"), "update", "updates")} with public commentary)`,
  },
  "plan.closed": { label: "Plan closed", describe: (who, row) => `${who} closed ${planName(row)}` },
  "plan.closure.narratives-changed": {
    label: "Closure narratives changed",
    describe: (who, row) => `${who} changed the closure narratives of ${planName(row)}`,
  },
  // Evidence files and partners' comments (issue 13).
  "plan.evidence.added": {
    label: "Evidence attached",
    describe: (who, row) => `${who} attached “${text(field(row.after, "fileName"), "a file")}” to ${actionName(row)} of ${planName(row)}`,
  },
  "plan.evidence.downloaded": {
    label: "Evidence downloaded",
    describe: (who, row) => `${who} downloaded the evidence file “${text(field(row.after, "fileName"), "a file")}”`,
  },
  "action.partner-comment.added": {
    label: "Partner commented",
    describe: (who, row) => `${who} commented on ${actionName(row)} of ${planName(row)} for ${text(field(row.after, "organisation"), "a partner")}`,
  },
  "action.partner-comment.approved": {
    label: "Partner's comment shown",
    describe: (who, row) => `${who} approved a partner's comment on ${actionName(row)} of ${planName(row)}`,
  },
  "action.partner-comment.hidden": {
    label: "Partner's comment not shown",
    describe: (who, row) => `${who} decided not to show a partner's comment on ${actionName(row)} of ${planName(row)}`,
  },

  // Setting up and reshaping plans and forums (issue 13).
  "plan.details.changed": {
    label: "Plan details changed",
    describe: (who, row) => `${who} changed the details of ${planName(row)}: ${changedFields(row.before, row.after)}`,
  },
  "plan.section.added": {
    label: "Section added",
    describe: (who, row) => `${who} added the section “${text(field(row.after, "title"), "untitled")}” to ${planName(row)}`,
  },
  "plan.section.changed": {
    label: "Section changed",
    describe: (who, row) =>
      `${who} changed the section “${text(field(row.after, "title"), text(field(row.before, "title"), "untitled"))}”: ${changedFields(row.before, row.after)}`,
  },
  "plan.section.reordered": {
    label: "Section moved",
    describe: (who, row) => `${who} moved the section “${text(field(row.after, "title"), text(field(row.before, "title"), "untitled"))}”`,
  },
  "plan.action.added": { label: "Action added", describe: (who, row) => `${who} added ${actionName(row)} to ${planName(row)}` },
  "plan.action.moved": { label: "Action moved", describe: (who, row) => `${who} moved ${actionName(row)} of ${planName(row)} to another section` },
  "plan.action.retired": {
    label: "Action retired",
    describe: (who, row) =>
      `${who} retired ${actionName(row)} of ${planName(row)}${text(field(row.after, "reason")) ? `: “${text(field(row.after, "reason"))}”` : ""}`,
  },
  "plan.action.forums-set": { label: "Action's forums set", describe: (who, row) => `${who} set the forums ${actionName(row)} reports to` },
  "forum.created": { label: "Forum added", describe: (who, row) => `${who} added the forum “${text(field(row.after, "name"), "unnamed")}”` },
  "forum.changed": {
    label: "Forum changed",
    describe: (who, row) =>
      `${who} changed the forum “${text(field(row.after, "name"), text(field(row.before, "name"), "unnamed"))}”: ${changedFields(row.before, row.after)}`,
  },
  "forum.meeting.added": {
    label: "Meeting added",
    describe: (who, row) =>
      `${who} added a meeting${text(field(row.after, "date")) ? ` on ${formatIsoDate(text(field(row.after, "date")))}` : ""} to a forum`,
  },
  "forum.meeting.decisions-recorded": {
    label: "Meeting decisions recorded",
    describe: (who, row) =>
      `${who} recorded decisions of a meeting${text(field(row.after, "date")) ? ` on ${formatIsoDate(text(field(row.after, "date")))}` : ""}`,
  },
  "plan.import.uploaded": {
    label: "Plan file uploaded",
    describe: (who, row) =>
      `${who} uploaded the file “${text(field(row.after, "fileName"), "a file")}” (${bytes(field(row.after, "bytes"))}) to import a plan`,
  },
  "plan.import.check-asked": { label: "Plan file check asked for", describe: (who) => `${who} asked for an uploaded plan file to be checked` },
  "plan.import.asked": { label: "Plan import asked for", describe: (who) => `${who} asked for an uploaded plan file to be imported` },
  "plan.import.retried": {
    label: "Stopped import tried again",
    describe: (who, row) => `${who} tried again a ${field(row.after, "dryRun") === false ? "plan import" : "check of a plan file"} that had stopped`,
  },
  "plan.import.mapping-saved": {
    label: "Import columns remembered",
    describe: (who, row) => `${who} chose which columns of the file are which for ${planName(row)}`,
  },
  "case.created": { label: "Child's case added", describe: (who, row, reader) => `${who} added ${childName(row, reader)}` },
  "case.viewed": {
    label: "Child's record opened",
    describe: (who, row, reader) => `${who} opened ${childName(row, reader)}: ${reasonWords(field(row.after, "reason"))}`,
  },
  "case.access-reason-given": {
    label: "Reason given to open a record",
    describe: (who, row, reader) => `${who} gave a reason to open ${childName(row, reader)}: ${reasonWords(row.after)}`,
  },
  "cases.imported": {
    label: "Cases loaded",
    describe: (who, row) => `${who} loaded ${count(field(row.after, "cases"), "child's case", "children's cases")}`,
  },
  "cases.register.viewed": {
    label: "Register viewed",
    describe: (who, row) => `${who} viewed the register (${count(field(row.after, "count"), "child", "children")})`,
  },
  "cases.register.downloaded": {
    label: "Register downloaded",
    describe: (who, row) => {
      const format = text(field(row.after, "format")).toUpperCase();
      return `${who} downloaded the register${format ? ` as ${format}` : ""} (${count(field(row.after, "count"), "child", "children")})`;
    },
  },
  "audit.exported": {
    label: "Audit trail downloaded",
    describe: (who, row) => `${who} downloaded the audit trail (${count(field(row.after, "count"), "entry", "entries")})`,
  },
  // Messages (issue 15). Through an advice link nobody is signed in: the professional acts.
  "advice-link.viewed": {
    label: "Advice link opened",
    describe: (_who, row, reader) =>
      `The professional opened advice request ${text(field(row.after, "reference"))} for ${childName(row, reader)} through its link`,
  },
  "advice-link.advice-returned": {
    label: "Advice returned through a link",
    describe: (_who, row, reader) =>
      `The professional returned advice ${text(field(row.after, "reference"))} for ${childName(row, reader)} through its link`,
  },
  "advice-link.declined": {
    label: "Advice declined through a link",
    describe: (_who, row, reader) =>
      `The professional said they cannot give advice ${text(field(row.after, "reference"))} for ${childName(row, reader)}`,
  },
  "advice-link.revoked": {
    label: "Advice link withdrawn",
    describe: (who, row, reader) => `${who} withdrew the link of advice request ${text(field(row.after, "reference"))} for ${childName(row, reader)}`,
  },
  "advice-file.downloaded": {
    label: "Advice file downloaded",
    describe: (who, row, reader) => `${who} downloaded advice returned as a file for ${childName(row, reader)}`,
  },
  "notifications.digests-changed": {
    label: "Digests switched on or off",
    describe: (who) => `${who} chose which weekly digests they get`,
  },
  "notifications.channels-changed": { label: "Message channels changed", describe: (who) => `${who} changed how messages are sent` },
  "notifications.template-changed": {
    label: "Message wording changed",
    describe: (who, row) => `${who} changed the wording of a message (${text(row.subject_id)})`,
  },
  "notifications.timings-changed": {
    label: "Message timings changed",
    describe: (who) => `${who} changed when reminders are sent and how long advice links work`,
  },
  "notifications.daily-queued": {
    label: "Reminders and digests written",
    describe: (who, row) => `${who} wrote ${count(field(row.after, "queued"), "reminder or digest", "reminders and digests")}`,
  },
  // Quality audits and families' feedback (issue 18). A survey answer names no family.
  "quality.framework-saved": { label: "Audit framework changed", describe: (who) => `${who} saved a new version of the audit framework` },
  "quality.sample-drawn": {
    label: "Audit sample drawn",
    describe: (who, row) =>
      `${who} drew a sample of ${count(field(row.after, "plans"), "plan", "plans")} to audit (seed ${text(field(row.after, "seed"))})`,
  },
  "quality.audit-assigned": { label: "Auditor assigned", describe: (who) => `${who} assigned the auditor and moderator of a quality audit` },
  "quality.audit-graded": { label: "Audit graded", describe: (who) => `${who} graded a plan and sent it for moderation` },
  "quality.audit-agreed": { label: "Audit grade agreed", describe: (who) => `${who} agreed the grade of a quality audit` },
  "quality.audit-returned": { label: "Audit returned", describe: (who) => `${who} returned a quality audit to its auditor` },
  "quality.survey-questions-saved": { label: "Survey questions changed", describe: (who) => `${who} changed the families' feedback questions` },
  "quality.survey-answered": { label: "Survey answered", describe: () => "A family answered a feedback survey" },
  // Enquiries and complaints (issue 18 part 3): the reference only, never the family's words.
  "complaint.recorded": {
    label: "Enquiry or complaint recorded",
    describe: (who, row) => `${who} recorded ${text(field(row.after, "kind"))} C-${String(field(row.after, "number") ?? "").padStart(4, "0")}`,
  },
  "complaint.viewed": {
    label: "Complaint looked at",
    describe: (who, row) => `${who} opened enquiry or complaint C-${String(field(row.after, "number") ?? "").padStart(4, "0")}`,
  },
  "complaint.answered": {
    label: "Complaint answered",
    describe: (who, row) =>
      `${who} recorded the answer (${text(field(row.after, "outcome"))}) to ${text(field(row.after, "stage"))} of an enquiry or complaint`,
  },
  "complaint.escalated": {
    label: "Complaint escalated",
    describe: (who, row) => `${who} took a complaint to ${text(field(row.after, "stage"))}`,
  },
  "complaint.learning-saved": { label: "Complaint learning saved", describe: (who) => `${who} saved the learning from an enquiry or complaint` },
  "demo.quality-seeded": { label: "Demo quality data added", describe: () => "The demo's audits, survey answers and complaints were added" },
  // Case events: one per kind of event recorded on a child's case (case.<kind>).
  ...Object.fromEntries(
    EVENT_KINDS.map((kind) => [
      `case.${kind}`,
      {
        label: `Recorded: ${EVENT_TITLES[kind]}`,
        describe: (who: string, row: AuditRow, reader: AuditReader) => `${who} recorded “${EVENT_TITLES[kind]}” on ${childName(row, reader)}`,
      },
    ]),
  ),
};

function formatIsoDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export function hasDescription(action: string): boolean {
  return Object.hasOwn(ACTIONS, action);
}

/** The short words for a code ("Signed in"); an unknown code is shown as it is. */
export function actionLabel(action: string): string {
  return Object.hasOwn(ACTIONS, action) ? (ACTIONS[action] as ActionText).label : action;
}

/** The codes and their short words, for the filter's list. */
export function actionChoices(signIns: boolean): { value: string; text: string }[] {
  return Object.entries(ACTIONS)
    .filter(([code]) => (SIGN_IN_ACTIONS as readonly string[]).includes(code) === signIns)
    .map(([value, { label }]) => ({ value, text: label }))
    .sort((a, b) => a.text.localeCompare(b.text));
}

/** One entry in plain words. An unknown code (from a newer version) is still shown, as its code. */
export function describeAuditEvent(row: AuditRow, reader: AuditReader): string {
  const who = row.actor_name ?? "The system";
  const entry = Object.hasOwn(ACTIONS, row.action) ? ACTIONS[row.action] : undefined;
  return entry ? entry.describe(who, row, reader) : `${who}: ${row.action}`;
}

export function auditViewModel(rows: AuditRow[], reader: AuditReader) {
  return rows.map((row) => ({
    id: row.id,
    when: formatDateTime(row.at),
    whenIso: row.at.toISOString(),
    who: row.actor_name ?? (row.action.startsWith("sign-in.") ? "Not signed in" : "The system"),
    what: describeAuditEvent(row, reader),
    code: row.action,
  }));
}

/** A cell safe to open in a spreadsheet: no formula can start it. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV an auditor asks for: the plain words and the raw record side by side. */
export function auditCsv(rows: AuditRow[], reader: AuditReader): string {
  const header = ["When (UTC)", "When (UK time)", "Who", "What happened", "Action code", "Subject type", "Subject id", "Before", "After"];
  const lines = rows.map((row) =>
    [
      row.at.toISOString(),
      formatDateTime(row.at),
      row.actor_name ?? "",
      describeAuditEvent(row, reader),
      row.action,
      row.subject_type,
      row.subject_id,
      row.before === null || row.before === undefined ? "" : JSON.stringify(row.before),
      row.after === null || row.after === undefined ? "" : JSON.stringify(row.after),
    ].map(csvCell),
  );
  return `${[header, ...lines].map((cells) => cells.join(",")).join("\r\n")}\r\n`;
}
