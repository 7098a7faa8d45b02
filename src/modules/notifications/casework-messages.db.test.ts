// Annual review invitations and the caseworker and manager digests against a real database (PGlite):
// invitations are written by the daily job from two weeks before the meeting (brought back over
// weekends and bank holidays, as the clock's practical date), each once; the email to an outside
// address carries no child's details; a meeting with less than two weeks' notice is flagged to the
// caseworker; the digests list the right deadlines in date order, once a week, unless switched off.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { Role } from "../../domain/roles.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";

describe("review invitations and casework digests", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let caseworkerId: string;
  let managerId: string;
  let today = "2026-12-07";
  const as = (id: string, roles: Role[]) => ({ id, councilId, roles });
  const caseworker = () => as(caseworkerId, ["caseworker"]);
  const manager = () => as(managerId, ["send_manager"]);
  const system0 = () => ({ councilId, userId: null });
  const messages = () =>
    readAs(system.db, system0(), (trx) => trx.selectFrom("outbox_message").selectAll().orderBy("created_at").orderBy("idempotency_key").execute());

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { today: () => today, publicBaseUrl: "https://send.example.gov.uk" });
    await system.jobs.start();
    await seedDemo(system, { caseload: 0 });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    const id = (email: string) =>
      readAs(system.db, system0(), (trx) => trx.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).then(
        (r) => r.id,
      );
    caseworkerId = await id("caseworker@demo-borough.example");
    managerId = await id("manager@demo-borough.example");
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  /** A real child with a plan in force (transferred in), as the case forms record them. */
  async function childWithPlan(firstName: string, lastName: string) {
    const { id } = await system.cases.createCase(caseworker(), {
      firstName,
      lastName,
      "dateOfBirth-day": "14",
      "dateOfBirth-month": "2",
      "dateOfBirth-year": "2015",
      sex: "F",
      primaryNeed: "SLCN",
      upn: "B801200005001",
    });
    await system.cases.recordEvent(caseworker(), id, "planTransferredIn", { made: "2025-01-10", transferred: "2026-06-01" });
    return id;
  }

  const invitees = {
    familyName: "Mrs Reviewtest",
    familyEmail: "Parent@Family.example",
    settingName: "SENCo, Hill Primary",
    settingEmail: "",
    professional1Name: "Educational psychologist",
    professional1Email: "ep@psychology.example",
  };

  test("invitations go on the working day before a bank holiday two weeks ahead, each once, with safe wording", async () => {
    today = "2026-12-07";
    const caseId = await childWithPlan("Zara", "Reviewtest");
    // Monday 11 January 2027: two weeks before is Monday 28 December, a bank holiday (Boxing Day's
    // substitute), after Christmas Day and a weekend; the last working day before is Thursday 24th.
    await system.cases.recordEvent(caseworker(), caseId, "reviewMeeting", { meeting: "2027-01-11", ...invitees });
    const mine = async () => (await messages()).filter((m) => m.case_id === caseId);
    assert.deepEqual(await mine(), [], "booked weeks ahead: nothing yet, and no breach");
    today = "2026-12-23";
    await system.reminders.runDaily();
    assert.deepEqual(await mine(), [], "not before the invitation day");
    today = "2026-12-24";
    await system.reminders.runDaily();
    await system.reminders.runDaily();
    today = "2026-12-29";
    await system.reminders.runDaily();
    const sent = await mine();
    assert.deepEqual(
      sent.map((m) => `${m.kind}>${m.recipient}`),
      ["reviewInvitation>parent@family.example", "reviewInvitation>ep@psychology.example"],
      "one each to the invitees with an address (the setting has none), once however often the job runs",
    );
    const reviewId = (await system.cases.viewCase(caseworker(), caseId)).record.reviews[0]?.id as string;
    assert.deepEqual(
      sent.map((m) => m.idempotency_key),
      [`reviewInvitation:${reviewId}:0`, `reviewInvitation:${reviewId}:2`],
    );
    for (const m of sent) {
      assert.equal(m.outside, true);
      assert.match(m.subject, /^Invitation: annual review meeting REV-[0-9A-F]{8} on 11 January 2027$/);
      // Safe wording: the child's name, date of birth, UPN and needs appear nowhere in it.
      for (const text of ["Zara", "Reviewtest", "B801200005001", "14 February", "2015", "SLCN", "Speech"]) {
        assert.ok(!`${m.subject}\n${m.body}\n${JSON.stringify(m.personalisation)}`.includes(text), `${text} is not in the invitation`);
      }
    }
    today = "2027-01-12";
    await system.reminders.runDaily();
    assert.equal((await mine()).length, 2, "nothing after the meeting");

    // A job that missed the invitation day catches up, and invitations that go after the statutory
    // date are a breach the caseworker is told of.
    today = "2027-01-12";
    const missed = await childWithPlan("Vera", "Missedday");
    await system.cases.recordEvent(caseworker(), missed, "reviewMeeting", { meeting: "2027-02-15", ...invitees });
    today = "2027-02-03"; // the invitation day was Monday 1 February
    await system.reminders.runDaily();
    today = "2027-02-04";
    await system.reminders.runDaily();
    assert.deepEqual(
      (await messages()).filter((m) => m.case_id === missed).map((m) => `${m.kind}>${m.recipient}`),
      ["reviewInvitation>parent@family.example", "reviewInvitation>ep@psychology.example", "reviewNoticeShort>caseworker@demo-borough.example"],
    );
  });

  test("a meeting arranged less than two weeks ahead: invitations at once, and the caseworker is told it breaches reg 20(4)", async () => {
    today = "2027-02-01";
    const caseId = await childWithPlan("Yusuf", "Shortnotice");
    const before = (await messages()).length;
    await assert.rejects(
      system.cases.recordEvent(caseworker(), caseId, "reviewMeeting", {
        meeting: "2027-02-10",
        familyName: "",
        familyEmail: "parent@family.example",
      }),
      (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => p.field === "familyName"),
      "an address without a name is refused",
    );
    await assert.rejects(
      system.cases.recordEvent(caseworker(), caseId, "reviewMeeting", { meeting: "2027-02-10", familyName: "Mr S", familyEmail: "not an address" }),
      (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => p.field === "familyEmail"),
    );
    assert.equal((await messages()).length, before, "a refused meeting writes nothing");
    await system.cases.recordEvent(caseworker(), caseId, "reviewMeeting", {
      meeting: "2027-02-10",
      familyName: "Mr Shortnotice",
      familyEmail: "dad@family.example",
    });
    const mine = async () => (await messages()).filter((m) => m.case_id === caseId);
    const written = await mine();
    assert.deepEqual(written.map((m) => `${m.kind}>${m.recipient}`).sort(), [
      "reviewInvitation>dad@family.example",
      "reviewNoticeShort>caseworker@demo-borough.example",
    ]);
    const flag = written.find((m) => m.kind === "reviewNoticeShort");
    assert.equal(flag?.outside, false, "inside the council: the child may be named");
    assert.match(flag?.subject ?? "", /^Breach: Yusuf Shortnotice's review meeting on 10 February 2027 has less than two weeks' notice$/);
    assert.match(flag?.body ?? "", /regulation 20\(4\)\), so the invitations had to go by 27 January 2027/);
    await system.reminders.runDaily();
    today = "2027-02-02";
    await system.reminders.runDaily();
    assert.equal((await mine()).length, 2, "each once");

    // Held meetings are records, not bookings: nothing is sent for them.
    const held = await childWithPlan("Xavi", "Heldmeeting");
    await system.cases.recordEvent(caseworker(), held, "reviewMeeting", { meeting: "2027-01-20", ...invitees });
    assert.deepEqual(
      (await messages()).filter((m) => m.case_id === held),
      [],
    );
  });

  test("the council's invitation days: earlier is allowed, less than two weeks is refused", async () => {
    const timings = { linkGraceDays: "14", reminderWorkingDays: "5", escalateAfterDays: "5" };
    await assert.rejects(
      system.notifications.saveTimings(manager(), { ...timings, reviewInvitationDays: "13" }),
      (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => p.field === "reviewInvitationDays" && /from 14 to 60/.test(p.message)),
    );
    await assert.rejects(
      system.notifications.saveTimings(manager(), { ...timings, reviewInvitationDays: "21", sneaky: "1" }),
      (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => /does not have: sneaky/.test(p.message)),
    );
    await system.notifications.saveTimings(manager(), { ...timings, reviewInvitationDays: "21" });
    try {
      today = "2027-03-01";
      const caseId = await childWithPlan("Wren", "Threeweeks");
      // Monday 12 April 2027: 21 days before is Monday 22 March, a working day.
      await system.cases.recordEvent(caseworker(), caseId, "reviewMeeting", { meeting: "2027-04-12", ...invitees });
      const mine = async () => (await messages()).filter((m) => m.case_id === caseId).map((m) => m.kind);
      today = "2027-03-19";
      await system.reminders.runDaily();
      assert.deepEqual(await mine(), []);
      today = "2027-03-22";
      await system.reminders.runDaily();
      assert.deepEqual(await mine(), ["reviewInvitation", "reviewInvitation"], "three weeks ahead, and no breach");
    } finally {
      await system.notifications.saveTimings(manager(), { ...timings, reviewInvitationDays: "14" });
    }
  });

  test("digests: each caseworker's deadlines for two weeks in date order, each manager's breaches and near misses by caseworker; once a week; switched off, none", async () => {
    today = "2027-05-03"; // a Monday
    // Decisions whether to assess are due 6 weeks from the request (reg 5(1)).
    const request = async (name: string, received: string) => {
      const { id } = await system.cases.createCase(caseworker(), {
        firstName: name,
        lastName: "Digesttest",
        "dateOfBirth-day": "1",
        "dateOfBirth-month": "9",
        "dateOfBirth-year": "2018",
        sex: "M",
        primaryNeed: "ASD",
      });
      await system.cases.recordEvent(caseworker(), id, "requestReceived", { received, requestedBy: "parent" });
    };
    await request("Later", "2027-04-01"); // due 13 May: in the next two weeks, not a near miss
    await request("Sooner", "2027-03-25"); // due 6 May: a near miss
    await request("Overdue", "2027-03-01"); // due 12 April: a breach
    await request("Faraway", "2027-04-20"); // due 1 June: in neither
    const leadOn = async (userId: string, digests: string[]) => system.digests.save({ id: userId, councilId }, { digests });
    await leadOn(caseworkerId, ["leadDigest", "managerDigest"]);
    await leadOn(managerId, ["leadDigest", "caseworkerDigest"]);
    await system.reminders.queueDaily(system0());
    const digests = async (kind: string) => (await messages()).filter((m) => m.kind === kind && m.idempotency_key.endsWith(":2027-05-03"));
    assert.deepEqual(await digests("caseworkerDigest"), [], "switched off: none");
    assert.deepEqual(await digests("managerDigest"), [], "switched off: none");

    await leadOn(caseworkerId, ["caseworkerDigest"]);
    await leadOn(managerId, ["managerDigest"]);
    today = "2027-05-04"; // Tuesday of the same week: the week's digest, keyed by its Monday
    await system.reminders.queueDaily(system0());
    await system.reminders.queueDaily(system0());
    const [mine, ...moreMine] = await digests("caseworkerDigest");
    assert.ok(mine);
    assert.equal(moreMine.length, 0, "once a week, however often the job runs");
    assert.equal(mine.idempotency_key, `caseworkerDigest:${caseworkerId}:2027-05-03`);
    assert.equal(mine.recipient, "caseworker@demo-borough.example");
    assert.equal(mine.outside, false);
    assert.match(mine.subject, /^Your deadlines: \d+ in the next two weeks, \d+ overdue$/);
    const lines = mine.body.split("\n").filter((l) => l.startsWith("- "));
    const ours = lines.filter((l) => l.includes("Digesttest"));
    assert.deepEqual(
      ours.map((l) =>
        l
          .match(/^- (\d+ \w+ \d{4}): (\w+) Digesttest/)
          ?.slice(1)
          .join(" "),
      ),
      ["6 May 2027 Sooner", "13 May 2027 Later"],
      "in date order, named, and only the next two weeks",
    );
    const dates = lines.map((l) => Date.parse(l.slice(2, l.indexOf(":"))));
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => a - b),
      "the whole list is in date order",
    );

    const [managers, ...moreManagers] = await digests("managerDigest");
    assert.ok(managers);
    assert.equal(moreManagers.length, 0);
    assert.equal(managers.idempotency_key, `managerDigest:${managerId}:2027-05-03`);
    assert.equal(managers.recipient, "manager@demo-borough.example");
    assert.match(managers.body, /^Chris Caseworker: \d+ breach(es)?, \d+ near miss(es)?$/m);
    assert.match(managers.body, /^- Breach: Zara Reviewtest\. /m, "this council's breaches, other caseworkers' too");
    assert.match(managers.body, /^- Breach: Overdue Digesttest\. /m);
    assert.match(managers.body, /^- Near miss: Sooner Digesttest\. /m);
    assert.ok(!managers.body.includes("Later Digesttest") && !managers.body.includes("Faraway"), "not yet near: left out");
  });
});
