// EHC plan quality audits (issue 18 part 1, SPEC B8): the council's framework (versioned), samples
// drawn from the casework by a recorded rule and seed, auditors and moderators assigned, each audit
// graded criterion by criterion, moderated by a second person and agreed; the figures "% judged
// good or better" by quarter, caseworker and criterion; and the feedback on a case.
import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import { addDays, isIsoDate } from "../../domain/dates.ts";
import { planForAudit } from "../../domain/quality/audit-plan.ts";
import { allCriteria, DEFAULT_FRAMEWORK, type Framework, frameworkFromText } from "../../domain/quality/framework.ts";
import { quarterOf, share, shareBy } from "../../domain/quality/results.ts";
import { drawSample, SAMPLE_METHODS, type SampleMethod } from "../../domain/quality/sampling.ts";
import { can, type Permission } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { strictForm, textFields } from "../../platform/forms.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import { isUuid } from "../plans/plans.service.ts";
import * as repository from "./quality.repository.ts";

type Person = Pick<CurrentUser, "id" | "councilId" | "roles">;

const MAX_COMMENT = 2000;
const MAX_SUMMARY = 5000;

export class QualityService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  // ---- the framework -------------------------------------------------------------------------

  /** The council's current framework; the default (not yet saved) when it has none. */
  async framework(user: Person): Promise<Framework & { version: number }> {
    this.check(user, "auditPlans", "quality audits");
    const latest = await readAs(this.db, actorOf(user), (trx) => repository.findLatestFramework(trx));
    return latest ?? { ...DEFAULT_FRAMEWORK, version: 0 };
  }

  /** Saves an edit as a new version: audits already drawn keep the version they were drawn with. */
  async saveFramework(user: Person, body: Record<string, unknown>): Promise<number> {
    this.check(user, "manageQuality", "the audit framework");
    const parsed = frameworkFromText({
      name: text(body.name),
      sections: text(body.sections),
      grades: text(body.grades),
      goodOrBetter: text(body.goodOrBetter),
    });
    if (Array.isArray(parsed)) throw new InvalidInput(parsed);
    return changeAs(this.db, actorOf(user), async (trx) => {
      const row = await repository.insertFramework(trx, user.councilId, parsed, user.id);
      return {
        result: row.version,
        audit: { action: "quality.framework-saved", subjectType: "quality_framework", subjectId: row.id, after: parsed },
      };
    });
  }

  // ---- samples ---------------------------------------------------------------------------------

  /** Draws a sample by the rule given and records the rule and seed; one audit per plan drawn. */
  async drawSample(user: Person, body: Record<string, unknown>): Promise<string> {
    this.check(user, "manageQuality", "drawing audit samples");
    const rule = this.parseRule(body);
    return changeAs(this.db, actorOf(user), async (trx) => {
      const candidates = await repository.listPlanCandidates(trx);
      const drawn = drawSample(candidates, rule);
      if (!drawn.length)
        throw new InvalidInput([
          {
            field: "method",
            message:
              rule.method === "random"
                ? "There are no current plans to sample"
                : "No plans were issued in that period: choose another period or rule",
          },
        ]);
      const framework =
        (await repository.findLatestFramework(trx)) ?? (await repository.insertFramework(trx, user.councilId, DEFAULT_FRAMEWORK, user.id));
      const sampleId = await repository.insertSample(trx, { councilId: user.councilId, frameworkId: framework.id, createdBy: user.id, ...rule });
      await repository.insertAudits(
        trx,
        drawn.map((c) => ({
          councilId: user.councilId,
          sampleId,
          frameworkId: framework.id,
          caseId: c.caseId,
          caseworkerUserId: c.caseworkerUserId,
          caseworkerName: c.caseworkerName,
        })),
      );
      return {
        result: sampleId,
        audit: {
          action: "quality.sample-drawn",
          subjectType: "quality_sample",
          subjectId: sampleId,
          after: { ...rule, frameworkVersion: framework.version, plans: drawn.length },
        },
      };
    });
  }

  parseRule(body: Record<string, unknown>) {
    const problems: FieldProblem[] = [];
    const method = text(body.method) as SampleMethod;
    if (!SAMPLE_METHODS.includes(method)) problems.push({ field: "method", message: "Select how to choose the plans" });
    const sizeText = text(body.size);
    const size = Number(sizeText);
    if (!/^\d+$/.test(sizeText) || size < 1 || size > 500)
      problems.push({ field: "size", message: "Enter how many plans to audit, a whole number from 1 to 500" });
    const seedText = text(body.seed);
    if (seedText && (!/^\d{1,9}$/.test(seedText) || Number(seedText) < 1))
      problems.push({ field: "seed", message: "The seed must be a whole number from 1 to 999999999, or left blank for a new one" });
    const today = this.today();
    const from = text(body.from) || quarterStart(today);
    const to = text(body.to) || today;
    if (!isIsoDate(from)) problems.push({ field: "from", message: "The start of the period must be a real date, like 2026-04-01" });
    if (!isIsoDate(to)) problems.push({ field: "to", message: "The end of the period must be a real date, like 2026-06-30" });
    else if (isIsoDate(from) && from > to) problems.push({ field: "to", message: "The end of the period must be on or after its start" });
    if (problems.length) throw new InvalidInput(problems);
    // A seed is always recorded, so the same sample can be drawn again to check it.
    return { method, size, seed: seedText ? Number(seedText) : randomInt(1, 1_000_000_000), from, to };
  }

  async overview(user: Person) {
    this.check(user, "gradeAudits", "quality audits");
    return readAs(this.db, actorOf(user), async (trx) => ({
      // A health or social care auditor sees only their own audits, not the council's samples.
      samples: can(user.roles, "auditPlans") ? await repository.listSamples(trx) : [],
      toDo: await repository.listAuditsToDo(trx, user.id),
    }));
  }

  async sample(user: Person, sampleId: string) {
    this.check(user, "auditPlans", "quality audits");
    if (!isUuid(sampleId)) throw new NotFound();
    return readAs(this.db, actorOf(user), async (trx) => {
      const sample = await repository.findSample(trx, sampleId);
      if (!sample) throw new NotFound();
      return { sample, audits: await repository.listAuditsForSample(trx, sampleId), auditors: await repository.listAuditors(trx) };
    });
  }

  /** Names the auditor and the moderator: two different people, and the auditor not the plan's own caseworker. */
  async assign(user: Person, auditId: string, body: Record<string, unknown>): Promise<string> {
    this.check(user, "manageQuality", "assigning auditors");
    if (!isUuid(auditId)) throw new NotFound();
    const auditorId = text(body.auditorId);
    const moderatorId = text(body.moderatorId);
    return changeAs(this.db, actorOf(user), async (trx) => {
      const audit = await repository.findAudit(trx, auditId);
      if (!audit) throw new NotFound();
      const people = new Set((await repository.listAuditors(trx)).map((p) => p.id));
      const problems: FieldProblem[] = [];
      if (!people.has(auditorId)) problems.push({ field: "auditorId", message: "Select the auditor from the list" });
      else if (auditorId === audit.caseworker_user_id)
        problems.push({ field: "auditorId", message: "The auditor cannot be the plan's own caseworker" });
      if (moderatorId && !people.has(moderatorId)) problems.push({ field: "moderatorId", message: "Select the moderator from the list" });
      else if (moderatorId && moderatorId === auditorId)
        problems.push({ field: "moderatorId", message: "The moderator must be a different person from the auditor" });
      if (audit.state !== "unassigned" && audit.state !== "assigned")
        problems.push({ field: "auditorId", message: "This audit has been graded: its auditor can no longer be changed" });
      if (problems.length) throw new InvalidInput(problems);
      const after = { auditor_user_id: auditorId, moderator_user_id: moderatorId || null, state: "assigned" };
      if (!(await repository.updateAudit(trx, auditId, audit.state, after))) throw stale();
      return {
        result: audit.sample_id,
        audit: {
          action: "quality.audit-assigned",
          subjectType: "quality_audit",
          subjectId: auditId,
          before: { auditor_user_id: audit.auditor_user_id, moderator_user_id: audit.moderator_user_id },
          after,
        },
      };
    });
  }

  // ---- one audit -------------------------------------------------------------------------------

  async audit(user: Person, auditId: string) {
    this.check(user, "gradeAudits", "quality audits");
    if (!isUuid(auditId)) throw new NotFound();
    return readAs(this.db, actorOf(user), async (trx) => {
      const audit = await repository.findAudit(trx, auditId);
      if (!audit) throw new NotFound();
      // Someone who does not read casework (a quality auditor) finds only the audits they are named on.
      if (!can(user.roles, "auditPlans") && audit.auditor_user_id !== user.id && audit.moderator_user_id !== user.id) throw new NotFound();
      const [framework] = await repository.listFrameworks(trx, [audit.framework_id]);
      const record = await repository.findCaseRecordForAudit(trx, audit.case_id);
      return {
        audit,
        framework: framework as repository.FrameworkRow,
        plan: record ? planForAudit(record, this.today()) : null,
        canReadCase: can(user.roles, "readCases"),
        canGrade: audit.state === "assigned" && audit.auditor_user_id === user.id,
        canModerate: audit.state === "submitted" && audit.moderator_user_id === user.id && audit.auditor_user_id !== user.id,
      };
    });
  }

  /** The auditor's grades, criterion by criterion, with comments, and the overall grade they propose. */
  async submitGrades(user: Person, auditId: string, body: Record<string, unknown>): Promise<void> {
    this.check(user, "gradeAudits", "quality audits");
    const { audit, framework } = await this.audit(user, auditId);
    // A refusal the person can read (not a bare 403): the role may audit, this audit is someone else's.
    if (audit.auditor_user_id !== user.id) throw new InvalidInput([{ field: "overall", message: "Only this audit's auditor can grade it" }]);
    const codes = framework.grades.map((g) => g.code);
    // Strict (issue 12): only this framework's fields; a forged one refuses the form, nothing saved.
    const criterionFields = allCriteria(framework).flatMap((c) => [`grade-${c.id.replace(".", "-")}`, `comment-${c.id.replace(".", "-")}`]);
    body = strictForm(body, textFields(...criterionFields, "overall", "summary"));
    const problems: FieldProblem[] = [];
    if (audit.state !== "assigned") problems.push({ field: "overall", message: "This audit has already been graded" });
    const grades: Record<string, { grade: string; comment: string }> = {};
    for (const c of allCriteria(framework)) {
      const field = `grade-${c.id.replace(".", "-")}`;
      const grade = text(body[field]);
      const comment = text(body[`comment-${c.id.replace(".", "-")}`]);
      if (!codes.includes(grade)) problems.push({ field, message: `Select a grade for ${c.id}: ${c.text}` });
      if (comment.length > MAX_COMMENT)
        problems.push({ field: `comment-${c.id.replace(".", "-")}`, message: `The comment on ${c.id} must be ${MAX_COMMENT} characters or fewer` });
      grades[c.id] = { grade, comment };
    }
    const overall = text(body.overall);
    if (!codes.includes(overall)) problems.push({ field: "overall", message: "Select the overall grade you propose for the plan" });
    const summary = text(body.summary);
    if (summary.length > MAX_SUMMARY) problems.push({ field: "summary", message: `The feedback must be ${MAX_SUMMARY} characters or fewer` });
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      const after = {
        state: "submitted",
        grades: JSON.stringify(grades),
        proposed_grade: overall,
        summary: summary || null,
        submitted_at: new Date(),
      };
      if (!(await repository.updateAudit(trx, auditId, "assigned", after))) throw stale();
      return {
        result: undefined,
        audit: {
          action: "quality.audit-graded",
          subjectType: "quality_audit",
          subjectId: auditId,
          after: { grades, proposedGrade: overall, summary },
        },
      };
    });
  }

  /** The moderator agrees the grade (the same or another), or returns the audit to the auditor with a reason. */
  async moderate(user: Person, auditId: string, body: Record<string, unknown>): Promise<void> {
    this.check(user, "gradeAudits", "quality audits");
    const { audit, framework } = await this.audit(user, auditId);
    if (audit.auditor_user_id === user.id)
      throw new InvalidInput([{ field: "decision", message: "You graded this audit: a different person must moderate it" }]);
    if (audit.moderator_user_id !== user.id) throw new InvalidInput([{ field: "decision", message: "Only this audit's moderator can moderate it" }]);
    const problems: FieldProblem[] = [];
    if (audit.state !== "submitted") problems.push({ field: "decision", message: "This audit is not waiting for moderation" });
    const decision = text(body.decision);
    const agreedGrade = text(body.agreedGrade);
    const comment = text(body.comment);
    if (decision !== "agree" && decision !== "return")
      problems.push({ field: "decision", message: "Select whether you agree the grade or return the audit" });
    if (decision === "agree" && !framework.grades.some((g) => g.code === agreedGrade))
      problems.push({ field: "agreedGrade", message: "Select the agreed overall grade" });
    if (decision === "return" && !comment) problems.push({ field: "comment", message: "Say what the auditor should look at again" });
    if (comment.length > MAX_COMMENT) problems.push({ field: "comment", message: `The comment must be ${MAX_COMMENT} characters or fewer` });
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      const after =
        decision === "agree"
          ? { state: "agreed", agreed_grade: agreedGrade, moderation_comment: comment || null, agreed_on: this.today() }
          : { state: "assigned", moderation_comment: comment, submitted_at: null };
      if (!(await repository.updateAudit(trx, auditId, "submitted", after))) throw stale();
      return {
        result: undefined,
        audit: {
          action: decision === "agree" ? "quality.audit-agreed" : "quality.audit-returned",
          subjectType: "quality_audit",
          subjectId: auditId,
          before: { proposedGrade: audit.proposed_grade },
          after: { agreedGrade: decision === "agree" ? agreedGrade : null, comment },
        },
      };
    });
  }

  // ---- figures ---------------------------------------------------------------------------------

  /** "% judged good or better" over agreed audits, by quarter, caseworker and criterion. No child is named. */
  async results(user: Person, query: { from?: unknown; to?: unknown }) {
    this.check(user, "readQuality", "the quality figures");
    const today = this.today();
    const from = typeof query.from === "string" && query.from ? query.from : addDays(today, -364);
    const to = typeof query.to === "string" && query.to ? query.to : today;
    const problems: FieldProblem[] = [];
    if (!isIsoDate(from)) problems.push({ field: "from", message: "The start must be a real date, like 2026-01-01" });
    if (!isIsoDate(to)) problems.push({ field: "to", message: "The end must be a real date, like 2026-12-31" });
    else if (isIsoDate(from) && from > to) problems.push({ field: "to", message: "The end must be on or after the start" });
    if (problems.length) throw new InvalidInput(problems);
    return readAs(this.db, actorOf(user), async (trx) => {
      const audits = await repository.listAgreedAudits(trx, from, to);
      return goodOrBetterFigures(audits, await repository.listFrameworks(trx, [...new Set(audits.map((a) => a.framework_id))]), from, to);
    });
  }

  /** The agreed audits of a case, for its caseworker to read. */
  async caseFeedback(user: Person, caseId: string) {
    this.check(user, "readCases", "children's records");
    if (!isUuid(caseId)) throw new NotFound();
    return readAs(this.db, actorOf(user), async (trx) => {
      const child = await trx.selectFrom("child_case").select(["id", "child_name"]).where("id", "=", caseId).executeTakeFirst();
      if (!child) throw new NotFound();
      const audits = (await repository.listAuditsForCase(trx, caseId)).filter((a) => a.state === "agreed");
      const frameworks = await repository.listFrameworks(trx, [...new Set(audits.map((a) => a.framework_id))]);
      return {
        child,
        audits: audits.map((audit) => ({ audit, framework: frameworks.find((f) => f.id === audit.framework_id) as repository.FrameworkRow })),
      };
    });
  }

  private check(user: Person, permission: Permission, what: string): void {
    if (!can(user.roles, permission)) throw new NotAllowed(what);
  }
}

/** The figures from agreed audits, each share "72% (36 of 50)". */
export function goodOrBetterFigures(
  audits: { framework_id: string; caseworker_name: string | null; grades: unknown; agreed_grade: string | null; agreed_on: string | null }[],
  frameworks: repository.FrameworkRow[],
  from: string,
  to: string,
) {
  const good = (frameworkId: string, grade: string | null | undefined) =>
    !!frameworks.find((f) => f.id === frameworkId)?.grades.find((g) => g.code === grade)?.goodOrBetter;
  const goodOverall = (a: (typeof audits)[number]) => good(a.framework_id, a.agreed_grade);
  const criterionText = new Map(frameworks.flatMap((f) => allCriteria(f).map((c) => [`${f.id}|${c.id}`, c.text] as const)));
  const criterionRows = audits.flatMap((a) =>
    Object.entries((a.grades ?? {}) as Record<string, { grade: string }>).map(([id, g]) => ({
      text: criterionText.get(`${a.framework_id}|${id}`) ?? id,
      good: good(a.framework_id, g.grade),
    })),
  );
  const overall = audits.filter(goodOverall).length;
  return {
    period: { from, to },
    overall: share(overall, audits.length),
    byQuarter: shareBy(audits, (a) => quarterOf(a.agreed_on as string), goodOverall),
    byCaseworker: shareBy(audits, (a) => a.caseworker_name ?? "No caseworker recorded", goodOverall),
    byCriterion: shareBy(
      criterionRows,
      (r) => r.text,
      (r) => r.good,
    ),
  };
}

function stale(): InvalidInput {
  return new InvalidInput([{ field: "decision", message: "Someone else changed this audit first: look at it again" }]);
}

function text(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" ? value.replace(/\r\n/g, "\n").trim() : "";
}

function quarterStart(today: string): string {
  const month = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${today.slice(0, 4)}-${String(month).padStart(2, "0")}-01`;
}

function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}

export type { Trx };
