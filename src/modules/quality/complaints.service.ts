// Enquiries and complaints (issue 18 part 3, SPEC B9): recorded against a child's case or none,
// each stage with its response target in working days (src/domain/quality/complaints.ts), answered
// with an outcome, taken to the next stage, and the learning linked to an improvement plan's action.
// Worklists of what is due and overdue, like casework. Every change is one audited transaction;
// opening a named complaint is audited too (issue 18 part 5).
import type { Kysely } from "kysely";
import { englandAndWalesCalendar, type WorkingDayCalendar } from "../../domain/bank-holidays.ts";
import { addDays, formatDate, isIsoDate } from "../../domain/dates.ts";
import {
  CHANNELS,
  CONTACT_FROM,
  CONTACT_KINDS,
  DEFAULT_RESPONSE_DAYS,
  MAX_RESPONSE_DAYS,
  nextStage,
  OUTCOMES,
  responseDue,
  type Stage,
  stageState,
  THEMES,
  workingDaysLate,
} from "../../domain/quality/complaints.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { dateFromParts } from "../../platform/forms.ts";
import { type Actor, changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import { isUuid } from "../plans/plans.service.ts";
import * as repository from "./complaints.repository.ts";

type Person = Pick<CurrentUser, "id" | "councilId" | "roles">;

export const WORKLISTS = ["overdue", "due", "answered"] as const;
export type Worklist = (typeof WORKLISTS)[number];

const MAX_TEXT = 4000;

export class ComplaintsService {
  private readonly calendar: WorkingDayCalendar = englandAndWalesCalendar();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  private may(user: Person) {
    if (!can(user.roles, "handleComplaints")) throw new NotAllowed("enquiries and complaints");
  }

  /** The worklists: open stages overdue or due (soonest first), and those answered in the last 90 days. */
  async worklist(user: Person, list: Worklist) {
    this.may(user);
    const today = this.today();
    const rows = await readAs(this.db, actorOf(user), (trx) =>
      list === "answered"
        ? repository.listContacts(trx, { open: false, from: addDays(today, -90), limit: 500 })
        : repository.listContacts(trx, { open: true, limit: 2000 }),
    );
    const counts = { overdue: 0, due: 0 };
    const items = rows.map((r) => {
      const state = stageState({ dueOn: r.due_on, respondedOn: r.responded_on }, today);
      if (state === "overdue") counts.overdue++;
      if (state === "due") counts.due++;
      return { ...r, state, daysLate: workingDaysLate({ dueOn: r.due_on, respondedOn: r.responded_on }, today, this.calendar) };
    });
    return {
      items: list === "answered" ? items : items.filter((i) => i.state === list),
      counts: list === "answered" ? undefined : counts,
    };
  }

  /** What the form to record a contact offers: owners, and the child's case when it starts from one. */
  async formOptions(user: Person, caseId?: string, strict = true) {
    this.may(user);
    return readAs(this.db, actorOf(user), async (trx) => {
      let child: { id: string; name: string } | null = null;
      if (caseId) {
        const found = isUuid(caseId) ? await repository.findChild(trx, caseId) : undefined;
        if (!found && strict) throw new NotFound();
        child = found ? { id: found.id, name: found.child_name } : null;
      }
      return { owners: await repository.listOwners(trx), child };
    });
  }

  /** Records an enquiry or a complaint with its first stage and that stage's last day. */
  async record(user: Person, body: Record<string, unknown>): Promise<{ id: string; number: number }> {
    this.may(user);
    const input = this.parseContact(body);
    return changeAs(this.db, actorOf(user), async (trx) => {
      const problems: FieldProblem[] = [];
      // Another council's case is hidden by row-level security: the same answer as no such case.
      if (input.caseId && !(await repository.caseExists(trx, input.caseId)))
        problems.push({ field: "caseId", message: "The child's case was not found: start from the child's case, or record it without one" });
      if (input.ownerUserId && !(await repository.listOwners(trx)).some((o) => o.id === input.ownerUserId))
        problems.push({ field: "ownerUserId", message: "Select who will answer it from the list" });
      if (problems.length) throw new InvalidInput(problems);
      const number = await repository.nextNumber(trx);
      const id = await repository.insertContact(trx, { ...input, councilId: user.councilId, number, createdBy: user.id });
      const stage: Stage = input.kind === "enquiry" ? "enquiry" : "stage1";
      const dueOn = responseDue(input.receivedOn, input.targetWorkingDays, this.calendar);
      await repository.insertStage(trx, {
        councilId: user.councilId,
        complaintId: id,
        stage,
        openedOn: input.receivedOn,
        targetWorkingDays: input.targetWorkingDays,
        dueOn,
      });
      return {
        result: { id, number },
        // The audit row keeps the facts of the record, not the family's words.
        audit: {
          action: "complaint.recorded",
          subjectType: "complaint",
          subjectId: id,
          after: { number, kind: input.kind, stage, caseId: input.caseId, receivedOn: input.receivedOn, dueOn, themes: input.themes },
        },
      };
    });
  }

  /** One contact with its stages; the look is audited, as a child's record is (it names a family). */
  async contact(user: Person, id: string) {
    this.may(user);
    if (!isUuid(id)) throw new NotFound();
    const today = this.today();
    return changeAs(this.db, actorOf(user), async (trx) => {
      const contact = await repository.findContact(trx, id);
      if (!contact) throw new NotFound();
      const stages = (await repository.listStages(trx, [id])).map((s) => ({
        ...s,
        state: stageState({ dueOn: s.due_on, respondedOn: s.responded_on }, today),
        daysLate: workingDaysLate({ dueOn: s.due_on, respondedOn: s.responded_on }, today, this.calendar),
      }));
      const current = stages.at(-1);
      return {
        result: {
          contact,
          stages,
          current,
          canEscalate: !!current?.responded_on && current.outcome !== "withdrawn" && nextStage(current.stage as Stage) !== null,
          next: current ? nextStage(current.stage as Stage) : null,
          actions: await repository.listActions(trx),
        },
        audit: { action: "complaint.viewed", subjectType: "complaint", subjectId: id, after: { number: contact.number } },
      };
    });
  }

  /** Answers the current stage: the date (not before it opened, not in the future) and the outcome. */
  async respond(user: Person, id: string, body: Record<string, unknown>): Promise<void> {
    this.may(user);
    if (!isUuid(id)) throw new NotFound();
    const today = this.today();
    const respondedOn = readDate(body, "respondedOn");
    const outcome = text(body.outcome);
    const response = text(body.response);
    await changeAs(this.db, actorOf(user), async (trx) => {
      const contact = await repository.findContact(trx, id);
      if (!contact) throw new NotFound();
      const current = (await repository.listStages(trx, [id])).at(-1);
      if (!current) throw new NotFound();
      const problems: FieldProblem[] = [];
      if (current.responded_on) problems.push({ field: "outcome", message: "This stage has been answered already" });
      problems.push(...dateProblems(respondedOn, "respondedOn", "the date it was answered", { from: current.opened_on, to: today }));
      const allowed = contact.kind === "enquiry" ? ["answered", "withdrawn"] : OUTCOMES.filter((o) => o !== "answered");
      if (!allowed.includes(outcome as never)) problems.push({ field: "outcome", message: "Select the outcome" });
      if (response.length > MAX_TEXT) problems.push({ field: "response", message: "The response must be 4,000 characters or fewer" });
      if (problems.length) throw new InvalidInput(problems);
      if (!(await repository.answerStage(trx, current.id, { respondedOn, outcome, response: response || null })))
        throw new InvalidInput([{ field: "outcome", message: "This stage has been answered already" }]);
      return {
        result: undefined,
        audit: {
          action: "complaint.answered",
          subjectType: "complaint",
          subjectId: id,
          after: { stage: current.stage, respondedOn, outcome, dueOn: current.due_on, inTime: respondedOn <= current.due_on },
        },
      };
    });
  }

  /** Takes an answered complaint to its next stage, with its own target and last day. */
  async escalate(user: Person, id: string, body: Record<string, unknown>): Promise<void> {
    this.may(user);
    if (!isUuid(id)) throw new NotFound();
    const today = this.today();
    const openedOn = readDate(body, "openedOn");
    const target = readTarget(body.targetWorkingDays);
    await changeAs(this.db, actorOf(user), async (trx) => {
      const contact = await repository.findContact(trx, id);
      if (!contact) throw new NotFound();
      const current = (await repository.listStages(trx, [id])).at(-1);
      const next = current ? nextStage(current.stage as Stage) : null;
      if (!current || !next || !current.responded_on || current.outcome === "withdrawn")
        throw new InvalidInput([{ field: "openedOn", message: "Only an answered complaint can go to its next stage" }]);
      const problems = [
        ...dateProblems(openedOn, "openedOn", "the date it was escalated", { from: current.responded_on, to: today }),
        ...(typeof target === "number" ? [] : [target]),
      ];
      if (problems.length) throw new InvalidInput(problems);
      const dueOn = responseDue(openedOn, target as number, this.calendar);
      await repository.insertStage(trx, {
        councilId: user.councilId,
        complaintId: id,
        stage: next,
        openedOn,
        targetWorkingDays: target as number,
        dueOn,
      });
      return {
        result: undefined,
        audit: { action: "complaint.escalated", subjectType: "complaint", subjectId: id, after: { stage: next, openedOn, dueOn } },
      };
    });
  }

  /** The learning from a contact, optionally fed into an action of one of the council's plans. */
  async saveLearning(user: Person, id: string, body: Record<string, unknown>): Promise<void> {
    this.may(user);
    if (!isUuid(id)) throw new NotFound();
    const learning = text(body.learning);
    const actionId = text(body.actionId);
    const problems: FieldProblem[] = [];
    if (learning.length > MAX_TEXT) problems.push({ field: "learning", message: "The learning must be 4,000 characters or fewer" });
    if (actionId && !learning) problems.push({ field: "learning", message: "Enter the learning before linking it to an action" });
    if (actionId && !isUuid(actionId)) problems.push({ field: "actionId", message: "Select an action from the list" });
    if (problems.length) throw new InvalidInput(problems);
    await changeAs(this.db, actorOf(user), async (trx) => {
      const contact = await repository.findContact(trx, id);
      if (!contact) throw new NotFound();
      if (actionId && !(await repository.actionExists(trx, actionId)))
        throw new InvalidInput([{ field: "actionId", message: "Select an action from the list" }]);
      await repository.updateLearning(trx, id, { learning: learning || null, learningActionId: actionId || null });
      return {
        result: undefined,
        audit: {
          action: "complaint.learning-saved",
          subjectType: "complaint",
          subjectId: id,
          before: { actionId: contact.learning_action_id },
          after: { actionId: actionId || null },
        },
      };
    });
  }

  /** Checks a contact field by field; every problem at once, naming its field. */
  private parseContact(body: Record<string, unknown>) {
    const problems: FieldProblem[] = [];
    const kind = text(body.kind);
    const fromType = text(body.fromType);
    const fromName = text(body.fromName);
    const channel = text(body.channel);
    const caseId = text(body.caseId);
    const summary = text(body.summary);
    const ownerUserId = text(body.ownerUserId);
    const themes = [body.themes].flat().filter((t): t is string => typeof t === "string" && t !== "");
    const receivedOn = readDate(body, "receivedOn");
    if (!CONTACT_KINDS.includes(kind as never)) problems.push({ field: "kind", message: "Select whether it is an enquiry or a complaint" });
    if (!CONTACT_FROM.includes(fromType as never)) problems.push({ field: "fromType", message: "Select who it is from" });
    if (!fromName) problems.push({ field: "fromName", message: "Enter the name of the person it is from" });
    else if (fromName.length > 200) problems.push({ field: "fromName", message: "The name must be 200 characters or fewer" });
    if (!CHANNELS.includes(channel as never)) problems.push({ field: "channel", message: "Select how it came in" });
    problems.push(...dateProblems(receivedOn, "receivedOn", "the date it was received", { to: this.today() }));
    const target = readTarget(body.targetWorkingDays);
    if (typeof target !== "number") problems.push(target);
    if (!themes.length) problems.push({ field: "themes", message: "Select at least one theme" });
    else if (themes.some((t) => !THEMES.includes(t as never)) || new Set(themes).size !== themes.length)
      problems.push({ field: "themes", message: "Select themes from the list" });
    if (!summary) problems.push({ field: "summary", message: "Enter what it is about" });
    else if (summary.length > MAX_TEXT) problems.push({ field: "summary", message: "What it is about must be 4,000 characters or fewer" });
    if (caseId && !isUuid(caseId))
      problems.push({ field: "caseId", message: "The child's case was not found: start from the child's case, or record it without one" });
    if (ownerUserId && !isUuid(ownerUserId)) problems.push({ field: "ownerUserId", message: "Select who will answer it from the list" });
    if (problems.length) throw new InvalidInput(problems);
    return {
      kind,
      fromType,
      fromName,
      channel,
      caseId: caseId || null,
      summary,
      themes,
      ownerUserId: ownerUserId || null,
      receivedOn,
      targetWorkingDays: target as number,
    };
  }
}

const text = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : "");

/** A date from the API (`name` as YYYY-MM-DD) or from a GOV.UK date input (`name-day`, `-month`, `-year`). */
function readDate(body: Record<string, unknown>, name: string): string {
  if (typeof body[name] === "string") return (body[name] as string).trim();
  return dateFromParts(body, name);
}

function dateProblems(value: string, field: string, what: string, range: { from?: string; to: string }): FieldProblem[] {
  if (!value) return [{ field, message: `Enter ${what}` }];
  if (!isIsoDate(value)) return [{ field, message: `${capital(what)} must be a real date` }];
  if (value > range.to) return [{ field, message: `${capital(what)} must be today or in the past` }];
  if (range.from && value < range.from) return [{ field, message: `${capital(what)} must be on or after ${formatDate(range.from)}` }];
  return [];
}

function readTarget(raw: unknown): number | FieldProblem {
  const value = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : raw === undefined ? "" : "x";
  if (!value) return DEFAULT_RESPONSE_DAYS;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_RESPONSE_DAYS)
    return { field: "targetWorkingDays", message: `The target must be a whole number of working days from 1 to ${MAX_RESPONSE_DAYS}` };
  return n;
}

const capital = (s: string) => `${s[0]?.toUpperCase()}${s.slice(1)}`;

function actorOf(user: Person): Actor {
  return { councilId: user.councilId, userId: user.id };
}
