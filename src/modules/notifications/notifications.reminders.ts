// The daily job (issue 15): queued at 07:00 London time, it writes each council's reminders,
// escalations, annual review invitations and weekly digests for today. Every message has a key
// (what it is about, and the week for digests), so a job that runs twice writes nothing twice, and a
// job that missed a day catches up. The wording and the keys already written are read once a run.
import type { Kysely } from "kysely";
import { englandAndWalesCalendar, type WorkingDayCalendar } from "../../domain/bank-holidays.ts";
import { addDays, compareDates, formatDate, isoWeekday } from "../../domain/dates.ts";
import { adviceRemindersDue } from "../../domain/notifications/templates.ts";
import type { DB } from "../../platform/db-types.ts";
import { type Actor, changeAs, type Trx } from "../../platform/transaction.ts";
import { listCouncilIds } from "../cases/cases.repository.ts";
import type { CasesService } from "../cases/cases.service.ts";
import { caseworkerDigests, leadDigests, managerDigests } from "./notifications.digests.ts";
import * as repository from "./notifications.repository.ts";
import type { NotificationsService, QueuedMessage, Timings } from "./notifications.service.ts";
import { queueReviewInvitations } from "./review-invitations.ts";

type User = Awaited<ReturnType<typeof repository.listActiveUsers>>[number];

/** What one council's daily run reads once and every part of it shares. */
export interface DailyRun {
  trx: Trx;
  councilId: string;
  today: string;
  /** The Monday of today's week: digests are keyed by it, so each goes once a week. */
  monday: string;
  calendar: WorkingDayCalendar;
  timings: Timings;
  users: User[];
  usersById: Map<string, User>;
  managers: User[];
  baseUrl: string;
  /** Writes a message unless its key was written before (today or on an earlier run); true when written now. */
  add(m: QueuedMessage): Promise<boolean>;
}

export class DailyMessages {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly outbox: NotificationsService,
    private readonly cases: CasesService,
    private readonly today: () => string,
  ) {}

  async runDaily(): Promise<number> {
    let queued = 0;
    for (const councilId of await listCouncilIds(this.db)) queued += await this.queueDaily({ councilId, userId: null });
    return queued;
  }

  /** One council's messages for today: advice reminders and escalations, actions overdue, review invitations, weekly digests. */
  async queueDaily(actor: Actor): Promise<number> {
    const today = this.today();
    // The digests read the worklists: bring any not worked out today up to date first.
    await this.cases.refreshStale(actor);
    return changeAs(this.db, actor, async (trx) => {
      const users = await repository.listActiveUsers(trx);
      // Read once: the wording, and the keys already written, so a run that finds nothing new
      // (most of them: the job runs daily and each reminder goes once) writes nothing.
      const wording = await this.outbox.wording(trx);
      const written = await repository.listDailyKeys(trx);
      let queued = 0;
      const run: DailyRun = {
        trx,
        councilId: actor.councilId,
        today,
        monday: addDays(today, 1 - isoWeekday(today)),
        calendar: englandAndWalesCalendar(),
        timings: await this.outbox.timings(trx),
        users,
        usersById: new Map(users.map((u) => [u.id, u])),
        managers: await repository.listManagers(trx),
        baseUrl: this.outbox.publicBaseUrl,
        add: async (m) => {
          if (written.has(m.key)) return false;
          written.add(m.key);
          if (!(await this.outbox.queue(trx, actor.councilId, m, wording))) return false;
          queued++;
          return true;
        },
      };
      await adviceReminders(run);
      await actionReminders(run);
      await queueReviewInvitations(run);
      await caseworkerDigests(run);
      await managerDigests(run);
      return {
        result: queued,
        audit: { action: "notifications.daily-queued", subjectType: "council", subjectId: actor.councilId, after: { today, queued } },
      };
    });
  }
}

/** To the professional before the advice is due and on the day; to the caseworker when late; then to every SEND manager. */
async function adviceReminders(run: DailyRun): Promise<void> {
  const { today } = run;
  for (const link of await repository.listOpenAdviceLinks(run.trx)) {
    const due = String(link.due);
    const reminders = adviceRemindersDue({ id: link.id, due, returned: false, revoked: !!link.revoked_at }, today, run.timings, run.calendar);
    const caseLink = `${run.baseUrl}/cases/${link.case_id}`;
    const values = { reference: link.reference, dueDate: formatDate(due), link: "" };
    for (const r of reminders) {
      if (r.kind === "adviceDueSoon" || r.kind === "adviceDueToday") {
        // The reminder carries no link of its own: the first message's link still works.
        await run.add({
          kind: r.kind,
          key: r.key,
          recipient: link.recipient,
          caseId: link.case_id,
          values: { ...values, link: "Use the link in our first email." },
        });
      } else if (r.kind === "adviceOverdue") {
        const caseworker = link.caseworker_user_id ? run.usersById.get(link.caseworker_user_id) : undefined;
        if (caseworker)
          await run.add({ kind: r.kind, key: r.key, recipient: caseworker.email, caseId: link.case_id, values: { ...values, caseLink } });
      } else if (r.kind === "adviceEscalated") {
        const daysLate = String(Math.max(0, compareDays(due, today)));
        for (const manager of run.managers)
          await run.add({
            kind: r.kind,
            key: `${r.key}:${manager.id}`,
            recipient: manager.email,
            caseId: link.case_id,
            values: { ...values, caseLink, daysLate },
          });
      }
    }
  }
}

/** An overdue action to its lead, once per due date; then each lead's weekly digest of actions due and overdue. */
async function actionReminders(run: DailyRun): Promise<void> {
  // Action leads are named in the plan; a lead who is a person here (same name) gets the messages.
  const byName = new Map(run.users.map((u) => [u.display_name.trim().toLowerCase(), u]));
  const leads: { lead: User; number: string; due: string; overdue: boolean }[] = [];
  for (const action of await repository.listOpenDatedActions(run.trx)) {
    const lead = action.lead_name ? byName.get(action.lead_name.trim().toLowerCase()) : undefined;
    if (!lead || !action.due_date) continue;
    const due = String(action.due_date);
    const overdue = compareDates(due, run.today) < 0;
    if (overdue)
      await run.add({
        kind: "actionOverdue",
        key: `actionOverdue:${action.id}:${due}`,
        recipient: lead.email,
        values: { actionNumber: action.number, dueDate: formatDate(due), actionLink: `${run.baseUrl}/actions/${action.id}` },
      });
    if (overdue || compareDates(due, addDays(run.today, 14)) <= 0) leads.push({ lead, number: action.number, due, overdue });
  }
  await leadDigests(run, leads);
}

function compareDays(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
