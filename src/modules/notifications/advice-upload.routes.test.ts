// Advice returned as a file through the secure link (issue 15, What it must show: ClamAV), on a real
// server with Debian's clamd started here on a local signature file: the EICAR test file is refused
// with a clear message and nothing is stored; a clean PDF is stored with its scan, the case shows
// "advice returned", the caseworker can download it (audited), and the reminders stop. A scanner
// that cannot answer, or none in production, saves nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addDays } from "../../domain/dates.ts";
import { eicar, startClamd, type TestClamd } from "../../platform/testing/clamd.ts";
import { tinyPdf, wordFile } from "../../platform/testing/files.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { clamdScanner } from "../../platform/virus-scan.ts";
import { checkUpload } from "./advice-files.ts";

describe("advice returned as a file, scanned by ClamAV", () => {
  let clamd: TestClamd;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let today = "2026-12-07";

  before(async () => {
    clamd = await startClamd();
    // clamd is configured from the environment, as in production.
    process.env.CLAMD_SOCKET = clamd.socketPath;
    try {
      app = await startTestApp({ caseload: 0, today: () => today });
    } finally {
      delete process.env.CLAMD_SOCKET;
    }
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
  });
  after(async () => {
    await app?.stop();
    await clamd?.stop();
  });

  const system = () => ({ councilId, userId: null });
  const files = () => readAs(app.db, system(), (trx) => trx.selectFrom("advice_file").selectAll().execute());

  /** A case with an advice request by email; the link's token, read from the message. */
  async function askForAdvice(lastName: string, email: string) {
    const caseworker = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const who = { id: caseworker.id, councilId, roles: ["caseworker" as const] };
    const { id: caseId } = await app.cases.createCase(who, {
      firstName: "Ula",
      lastName,
      "dateOfBirth-day": "3",
      "dateOfBirth-month": "4",
      "dateOfBirth-year": "2016",
      sex: "F",
      primaryNeed: "ASD",
    });
    await app.cases.recordEvent(who, caseId, "requestReceived", { received: today, requestedBy: "parent" });
    await app.cases.recordEvent(who, caseId, "adviceRequested", { service: "educational-psychology", received: today, email });
    const message = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("outbox_message").select("body").where("case_id", "=", caseId).where("kind", "=", "adviceRequest").executeTakeFirstOrThrow(),
    );
    const token = message.body.match(/\/advice\/([A-Za-z0-9_-]{43})/)?.[1] as string;
    assert.ok(token);
    return { caseId, token };
  }

  async function upload(token: string, name: string, bytes: Buffer, fields: Record<string, string> = { outcome: "returned" }) {
    const form = new FormData();
    form.set("token", token);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("adviceFile", new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${app.baseUrl}/advice`, { method: "POST", body: form });
    return { status: response.status, text: await response.text() };
  }

  const returned = (caseId: string) =>
    readAs(app.db, system(), (trx) =>
      trx.selectFrom("case_event").select("kind").where("case_id", "=", caseId).where("kind", "=", "adviceReturned").execute(),
    );

  test("the EICAR test file is refused with a clear message, whatever it claims to be, and nothing is stored", async () => {
    const { caseId, token } = await askForAdvice("Eicartest", "ep1@psychology.example");
    const disguised = Buffer.concat([Buffer.from("%PDF-1.4\n"), eicar(), Buffer.from("\n%%EOF\n")]);
    for (const [name, bytes] of [
      ["advice.pdf", disguised],
      ["advice.txt", eicar()],
    ] as const) {
      const answer = await upload(token, name, bytes);
      assert.equal(answer.status, 400, name);
      assert.match(answer.text, /There is a problem/);
      assert.match(
        answer.text,
        new RegExp(
          `href="#adviceFile">&quot;${name.replace(".", "\\.")}&quot; was refused because the virus scanner found something harmful in it \\(Local\\.Test\\.EICAR-NDB\\.UNOFFICIAL\\)\\. Nothing was saved`,
        ),
        name,
      );
    }
    assert.equal((await files()).length, 0, "no file stored");
    assert.deepEqual(await returned(caseId), [], "the case does not show advice returned");
    const page = await app.client().get(`/advice/${token}`);
    assert.equal(page.status, 200, "the link still works, for a clean copy");
  });

  test("a file whose content is not what its name says is refused, naming it; nothing is stored", async () => {
    const { token } = await askForAdvice("Typetest", "ep2@psychology.example");
    const answer = await upload(token, "advice.pdf", Buffer.from("just some words, not a PDF"));
    assert.equal(answer.status, 400);
    assert.match(answer.text, /&quot;advice\.pdf&quot; says it is a PDF but its content is not/);
    const sheet = await upload(token, "advice.xlsx", Buffer.from("PK"));
    assert.match(sheet.text, /is not a PDF or Word document/);
    assert.equal((await files()).length, 0);
  });

  test("a file over 20 MB is refused with the limit named, before it is scanned; nothing is stored", async () => {
    const { caseId, token } = await askForAdvice("Largefile", "ep6@psychology.example");
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(20 * 1024 * 1024)]);
    const answer = await upload(token, "big advice.pdf", big);
    assert.equal(answer.status, 400);
    assert.match(answer.text, /href="#adviceFile">&quot;big advice\.pdf&quot; is larger than 20 MB: send a smaller file/);
    assert.equal((await files()).filter((f) => f.case_id === caseId).length, 0);
    assert.deepEqual(await returned(caseId), []);
  });

  test("a clean PDF is stored with its scan; the case shows advice returned; the caseworker downloads it; the reminders stop", async () => {
    const { caseId, token } = await askForAdvice("Cleanfile", "ep3@psychology.example");
    // Another request, not answered: the reminders would have been sent, as it shows.
    const { caseId: otherCaseId } = await askForAdvice("Stillwaiting", "ep4@psychology.example");
    const pdf = tinyPdf();
    const answer = await upload(token, "C:\\Users\\ep\\Advice for the panel.pdf", pdf);
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    assert.match(answer.text, /Thank you/);
    const [stored, ...more] = (await files()).filter((f) => f.case_id === caseId);
    assert.ok(stored);
    assert.equal(more.length, 0);
    assert.equal(stored.file_name, "Advice for the panel.pdf", "the folder the browser sent is dropped");
    assert.equal(stored.media_type, "application/pdf");
    assert.equal(stored.scan, "clean");
    assert.match(stored.scanned_with ?? "", /^ClamAV \d/);
    assert.deepEqual(Buffer.from(stored.content), pdf);
    assert.deepEqual(await returned(caseId), [{ kind: "adviceReturned" }]);
    assert.equal((await app.client().get(`/advice/${token}`)).status, 404, "the link has done its work");

    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    assert.match((await caseworker.get(`/cases/${caseId}/timeline`)).text, /Advice returned/);
    const list = await caseworker.get(`/cases/${caseId}/advice-links`);
    assert.match(list.text, /Advice for the panel\.pdf/);
    assert.match(list.text, /Scanned, no virus found \(ClamAV/);
    const download = await fetch(`${app.baseUrl}/advice-files/${stored.id}`, {
      headers: { cookie: [...caseworker.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get("content-type"), "application/pdf");
    assert.match(download.headers.get("content-disposition") ?? "", /attachment/);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), pdf);
    const audits = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("audit_event").select(["action", "after"]).where("subject_id", "=", caseId).execute(),
    );
    assert.ok(audits.some((a) => a.action === "advice-link.advice-returned" && JSON.stringify(a.after).includes(stored.sha256)));
    assert.ok(audits.some((a) => a.action === "advice-file.downloaded"));
    assert.equal((await app.client().get(`/advice-files/${stored.id}`)).status, 303, "nobody signed in is sent to sign in");

    // On the due date the unanswered request gets its reminder; the answered one gets none.
    const due = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("advice_link").select("due").where("case_id", "=", caseId).executeTakeFirstOrThrow(),
    );
    today = addDays(String(due.due), 0);
    await app.reminders.queueDaily(system());
    const reminders = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("outbox_message").select(["case_id", "kind"]).where("kind", "in", ["adviceDueSoon", "adviceDueToday"]).execute(),
    );
    assert.ok(reminders.some((r) => r.case_id === otherCaseId && r.kind === "adviceDueToday"));
    assert.deepEqual(
      reminders.filter((r) => r.case_id === caseId),
      [],
    );
  });

  test("a Word document is taken; the typed advice can come with it", async () => {
    today = "2026-12-07";
    const { caseId, token } = await askForAdvice("Wordfile", "ep5@psychology.example");
    const answer = await upload(token, "advice.docx", await wordFile(), { outcome: "returned", advice: "Summary: see the attached report." });
    assert.equal(answer.status, 200);
    const stored = (await files()).find((f) => f.case_id === caseId);
    assert.equal(stored?.media_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });

  test("clamd not answering, or no scanner in production, refuses the file: nothing is kept unscanned", async () => {
    const pdf = { name: "advice.pdf", bytes: tinyPdf() };
    const gone = clamdScanner({ socketPath: `${clamd.socketPath}.missing` }, 2000);
    await assert.rejects(checkUpload(pdf, { scanner: gone, requireScan: true }, "link"), (e: { problems: { message: string }[] }) =>
      /could not be checked for viruses just now, so nothing was saved/.test(e.problems[0]?.message ?? ""),
    );
    await assert.rejects(checkUpload(pdf, { requireScan: true }, "link"), (e: { problems: { message: string }[] }) =>
      /virus scanner is not set up/.test(e.problems[0]?.message ?? ""),
    );
    // A trial installation with no scanner keeps the file, marked as not scanned.
    assert.equal((await checkUpload(pdf, { requireScan: false }, "link")).scan, "not-scanned");
    // Over TCP too.
    const tcp = clamdScanner({ host: clamd.host, port: clamd.port });
    assert.deepEqual(await tcp.scan(eicar()), { verdict: "infected", signature: "Local.Test.EICAR-NDB.UNOFFICIAL" });
  });
});
