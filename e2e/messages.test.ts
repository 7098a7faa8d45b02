// Browser journey with real parts (issue 15): a SEND manager chooses email over SMTP for advice
// requests; a caseworker asks for advice; an SMTP server started by the test receives the request;
// the link in that email, followed in Chromium without an account, shows the request and takes the
// advice as a PDF, scanned by a real clamd started here (the EICAR test file is refused first); the
// case then shows "advice returned" with the file, and the message is "sent" in the log. axe on each page.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { startSmtpSink } from "../src/modules/notifications/testing/smtp-sink.ts";
import { eicar, startClamd, type TestClamd } from "../src/platform/testing/clamd.ts";
import { tinyPdf } from "../src/platform/testing/files.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

describe("an advice request by email, answered through its link in Chromium", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let clamd: TestClamd;

  before(async () => {
    smtp = await startSmtpSink();
    clamd = await startClamd();
    // The SMTP channel and the virus scanner are configured from the environment, as in production.
    const saved = { ...process.env };
    const env = {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: "send@demo-borough.example",
      SMTP_TLS: "none",
      CLAMD_SOCKET: clamd.socketPath,
    };
    Object.assign(process.env, env);
    try {
      app = await startTestApp({ caseload: 0 });
    } finally {
      for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
    await clamd?.stop();
  });

  test("choose SMTP, ask for advice, follow the emailed link, return the advice", async () => {
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const manager = await browser.newContext();
    const page = await manager.newPage();
    await signIn(page, app.baseUrl, "manager@demo-borough.example");
    await page.goto(`${app.baseUrl}/messages/settings`);
    await page.getByLabel("Channel for Advice request to a professional").selectOption({ label: "Email through the council's mail server (SMTP)" });
    await page.getByRole("button", { name: "Save channels" }).click();
    await page.getByRole("heading", { name: "Messages: channels, wording and timings" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.goto(`${app.baseUrl}/messages/templates/adviceRequest`);
    assert.deepEqual(await accessibilityViolations(page), []);

    const caseworkerId = (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
    const who = { id: caseworkerId, councilId, roles: ["caseworker" as const] };
    const { id: caseId } = await app.cases.createCase(who, {
      firstName: "Gil",
      lastName: "Browsertest",
      "dateOfBirth-day": "1",
      "dateOfBirth-month": "2",
      "dateOfBirth-year": "2018",
      sex: "M",
      primaryNeed: "SEMH",
    });
    await app.cases.recordEvent(who, caseId, "requestReceived", { received: app.today(), requestedBy: "school" });
    await app.cases.recordEvent(who, caseId, "adviceRequested", {
      service: "educational-psychology",
      received: app.today(),
      email: "ep@psychology.example",
    });

    // The job sends it; the SMTP server started here receives it.
    for (let i = 0; i < 150 && !smtp.inbox.some((m) => m.to === "ep@psychology.example"); i++) await new Promise((r) => setTimeout(r, 100));
    const mail = smtp.inbox.find((m) => m.to === "ep@psychology.example");
    assert.ok(mail, "the advice request arrived at the SMTP server");
    assert.doesNotMatch(`${mail.subject}\n${mail.text}`, /Gil|Browsertest|2018/, "the email does not name the child");
    const path = mail.text.match(/https?:\/\/[^\s]+(\/advice\/[A-Za-z0-9_-]{43})/)?.[1];
    assert.ok(path, "the email carries the link");

    // The professional, with no account, follows it (the test server's address replaces PUBLIC_BASE_URL's).
    const outside = await browser.newContext();
    const professional = await outside.newPage();
    await professional.goto(`${app.baseUrl}${path}`);
    await professional.getByRole("heading", { name: "Return your advice" }).waitFor();
    assert.ok(await professional.getByText("Gil Browsertest").isVisible());
    assert.deepEqual(await accessibilityViolations(professional), []);
    await professional.getByRole("button", { name: "Send" }).click();
    await professional.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.deepEqual(await accessibilityViolations(professional), []);
    await professional.getByLabel("I am giving my advice").check();
    await professional.getByLabel("Your advice as a file").setInputFiles({
      name: "advice.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), eicar()]),
    });
    await professional.getByRole("button", { name: "Send" }).click();
    await professional.getByRole("link", { name: /"advice.pdf" was refused because the virus scanner found something harmful/ }).waitFor();
    assert.deepEqual(await accessibilityViolations(professional), []);
    await professional.getByLabel("I am giving my advice").check();
    await professional
      .getByLabel("Your advice as a file")
      .setInputFiles({ name: "Gil EP advice.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
    await professional.getByRole("button", { name: "Send" }).click();
    await professional.getByRole("heading", { name: "Thank you" }).waitFor();
    assert.deepEqual(await accessibilityViolations(professional), []);
    await professional.goto(`${app.baseUrl}${path}`);
    await professional.getByRole("heading", { name: "This link cannot be used" }).waitFor();
    assert.deepEqual(await accessibilityViolations(professional), []);

    const caseworker = await browser.newContext();
    const cw = await caseworker.newPage();
    await signIn(cw, app.baseUrl, "caseworker@demo-borough.example");
    await cw.goto(`${app.baseUrl}/cases/${caseId}/timeline`);
    await cw.getByRole("heading", { name: "Advice returned" }).waitFor();
    await cw.getByRole("link", { name: "Advice requests sent by email" }).click();
    await cw.getByRole("cell", { name: /Advice returned/ }).waitFor();
    await cw.getByRole("link", { name: "Gil EP advice.pdf" }).waitFor();
    assert.ok(await cw.getByText(/Scanned, no virus found \(ClamAV/).isVisible());
    assert.deepEqual(await accessibilityViolations(cw), []);

    // The server took the mail a moment before the job records it: wait for the record, then read the log.
    const state = () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("outbox_message").select("state").where("case_id", "=", caseId).where("kind", "=", "adviceRequest").executeTakeFirstOrThrow(),
      );
    for (let i = 0; i < 50 && (await state()).state !== "sent"; i++) await new Promise((r) => setTimeout(r, 100));
    await page.goto(`${app.baseUrl}/messages?case=${caseId}`);
    await page.getByRole("cell", { name: "ep@psychology.example" }).waitFor();
    assert.ok(await page.locator("td strong.govuk-tag", { hasText: /^Sent$/ }).isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);
    await Promise.all([manager.close(), outside.close(), caseworker.close()]);
  });
});
