// Weekly digests (issue 15, What to build 5): to each action lead (their actions due and overdue),
// each caseworker (their deadlines for the next two weeks, in date order) and each SEND manager
// (breaches and near misses by caseworker). Written by the daily job, keyed by person and Monday, so
// each goes once a week. Inside the council only, so children's names may be shown.
// Each person can switch theirs off ("each person can switch theirs off"): a digest is on unless
// the person switched it off, and the daily job leaves them out. Their own choice only: nobody
// switches another person's digest off. Every change is audited.
import type { Kysely } from "kysely";
import { addDays, formatDate } from "../../domain/dates.ts";
import { KINDS, type MessageKind } from "../../domain/notifications/templates.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import type { CurrentUser } from "../access/access.service.ts";
import type { DailyRun } from "./notifications.reminders.ts";
import * as repository from "./notifications.repository.ts";

/** The weekly digests a person can have. */
export const DIGEST_KINDS = ["leadDigest", "caseworkerDigest", "managerDigest"] as const satisfies readonly MessageKind[];
export type DigestKind = (typeof DIGEST_KINDS)[number];

type Person = Pick<CurrentUser, "id" | "councilId">;

export class DigestPreferences {
  constructor(private readonly db: Kysely<DB>) {}

  async list(user: Person) {
    return readAs(this.db, { councilId: user.councilId, userId: user.id }, async (trx) => {
      const off = await repository.listDigestOptOuts(trx);
      return DIGEST_KINDS.map((kind) => ({ kind, title: KINDS[kind].title, on: !off.has(`${user.id}:${kind}`) }));
    });
  }

  /** `body.digests` lists the digests left on (a ticked box each); a name that is not a digest is refused. */
  async save(user: Person, body: Record<string, unknown>) {
    const ticked = Object.hasOwn(body, "digests") ? [body.digests].flat() : [];
    const wrong = ticked.filter((k) => typeof k !== "string" || !(DIGEST_KINDS as readonly string[]).includes(k));
    if (wrong.length) throw new InvalidInput([{ field: "digests", message: "Choose from the digests listed" }]);
    const on = new Set(ticked as string[]);
    await changeAs(this.db, { councilId: user.councilId, userId: user.id }, async (trx) => {
      for (const kind of DIGEST_KINDS) await repository.switchDigest(trx, user.councilId, user.id, kind, on.has(kind));
      return {
        result: undefined,
        audit: {
          action: "notifications.digests-changed",
          subjectType: "person",
          subjectId: user.id,
          after: Object.fromEntries(DIGEST_KINDS.map((k) => [k, on.has(k)])),
        },
      };
    });
  }
}

/** Breaches, and near misses, a digest lists per caseworker before "and N more": a weekly email stays readable. */
const LINES_PER_CASEWORKER = 10;

/** Near misses: deadlines not met and due within this many days, which will be breaches by next week's digest. */
export const NEAR_MISS_DAYS = 7;

/** Each lead's actions overdue and due in the next two weeks, once a week. */
export async function leadDigests(
  run: DailyRun,
  actions: { lead: { id: string; email: string }; number: string; due: string; overdue: boolean }[],
): Promise<void> {
  const off = await repository.listDigestOptOuts(run.trx);
  const digests = new Map<string, { email: string; lines: string[]; due: number; overdue: number }>();
  for (const a of actions) {
    if (off.has(`${a.lead.id}:leadDigest`)) continue;
    const d = digests.get(a.lead.id) ?? { email: a.lead.email, lines: [], due: 0, overdue: 0 };
    d.lines.push(`${a.number} due ${formatDate(a.due)}${a.overdue ? " (overdue)" : ""}`);
    if (a.overdue) d.overdue++;
    else d.due++;
    digests.set(a.lead.id, d);
  }
  for (const [userId, d] of digests)
    await run.add({
      kind: "leadDigest",
      key: `leadDigest:${userId}:${run.monday}`,
      recipient: d.email,
      values: { weekOf: formatDate(run.monday), dueCount: String(d.due), overdueCount: String(d.overdue), actionList: d.lines.join("\n") },
    });
}

/**
 * Each caseworker's deadlines for the next two weeks, in date order (then by child), from the
 * worklists the case clock keeps; with how many of theirs are overdue. None when nothing is due.
 */
export async function caseworkerDigests(run: DailyRun): Promise<void> {
  const off = await repository.listDigestOptOuts(run.trx);
  const rows = await repository.listCaseworkerDeadlines(run.trx, run.today, addDays(run.today, 14));
  const byPerson = new Map<string, { due: string[]; overdue: number }>();
  for (const row of rows) {
    if (!row.caseworker_user_id || off.has(`${row.caseworker_user_id}:caseworkerDigest`)) continue;
    const d = byPerson.get(row.caseworker_user_id) ?? { due: [], overdue: 0 };
    if (row.list === "overdue") d.overdue++;
    else d.due.push(`${formatDate(String(row.due))}: ${row.child_name}. ${row.reason}`);
    byPerson.set(row.caseworker_user_id, d);
  }
  for (const [userId, d] of byPerson) {
    const person = run.usersById.get(userId);
    if (!person || d.due.length === 0) continue;
    await run.add({
      kind: "caseworkerDigest",
      key: `caseworkerDigest:${userId}:${run.monday}`,
      recipient: person.email,
      values: {
        weekOf: formatDate(run.monday),
        dueCount: String(d.due.length),
        overdueCount: String(d.overdue),
        deadlineList: d.due.map((line) => `- ${line}`).join("\n"),
        worklistLink: `${run.baseUrl}/cases/worklists/my-cases`,
      },
    });
  }
}

/**
 * To each SEND manager: breaches (statutory steps overdue) and near misses (not done and due in
 * the next NEAR_MISS_DAYS days) by caseworker, the caseworker with most breaches first. None when
 * there is neither.
 */
export async function managerDigests(run: DailyRun): Promise<void> {
  const off = await repository.listDigestOptOuts(run.trx);
  const managers = run.managers.filter((m) => !off.has(`${m.id}:managerDigest`));
  if (managers.length === 0) return;
  const rows = await repository.listCaseworkerDeadlines(run.trx, run.today, addDays(run.today, NEAR_MISS_DAYS));
  const byCaseworker = new Map<string, { name: string; breaches: string[]; nearMisses: string[] }>();
  for (const row of rows) {
    const name = row.caseworker_name ?? "No caseworker";
    const c = byCaseworker.get(name) ?? { name, breaches: [], nearMisses: [] };
    (row.list === "overdue" ? c.breaches : c.nearMisses).push(`${row.child_name}. ${row.reason}`);
    byCaseworker.set(name, c);
  }
  const caseworkers = [...byCaseworker.values()].sort(
    (a, b) => b.breaches.length - a.breaches.length || b.nearMisses.length - a.nearMisses.length || a.name.localeCompare(b.name, "en-GB"),
  );
  if (caseworkers.length === 0) return;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const list = caseworkers
    .map((c) => {
      // Up to LINES_PER_CASEWORKER of each, so many breaches never hide the near misses still in time.
      const some = (lines: string[], label: string, more: string) => [
        ...lines.slice(0, LINES_PER_CASEWORKER).map((l) => `- ${label}: ${l}`),
        ...(lines.length > LINES_PER_CASEWORKER ? [`- and ${lines.length - LINES_PER_CASEWORKER} more ${more} on the worklists`] : []),
      ];
      return [
        `${c.name}: ${count(c.breaches.length, "breach", "breaches")}, ${count(c.nearMisses.length, "near miss", "near misses")}`,
        ...some(c.breaches, "Breach", "breaches"),
        ...some(c.nearMisses, "Near miss", "near misses"),
      ].join("\n");
    })
    .join("\n\n");
  const values = {
    weekOf: formatDate(run.monday),
    breachCount: String(caseworkers.reduce((n, c) => n + c.breaches.length, 0)),
    nearMissCount: String(caseworkers.reduce((n, c) => n + c.nearMisses.length, 0)),
    caseworkerList: list,
    worklistLink: `${run.baseUrl}/cases/worklists/overdue`,
  };
  for (const manager of managers)
    await run.add({ kind: "managerDigest", key: `managerDigest:${manager.id}:${run.monday}`, recipient: manager.email, values });
}
