// Issue 17 in a browser, one journey: a SEND manager records the council's SEN2 settings, sees the
// checks, the return beside the measures and the items not held, exports the XML, checks that file
// on the upload page (every child already held, nothing to create), reads it in (nothing new), and
// uploads a copy with an impossible date, which is refused naming the child and the item, with
// nothing saved. Axe finds nothing on any of the pages.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { CaseRecord } from "../src/domain/cases/types.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let councilId: string;
before(async () => {
  app = await startTestApp({ caseload: 25, today: () => "2027-02-01" });
  councilId = (await app.people.councilIdForCode("DEMO")) as string;
  // The generated caseload leaves some children without a UPN reason or a setting (as in
  // returns.db.test.ts): give them one, so the return has no errors and can be read back in (the
  // refusals are shown with a broken copy).
  await readAs(app.db, { councilId, userId: null }, async (trx) => {
    for (const row of await trx.selectFrom("child_case").select(["id", "record"]).execute()) {
      const record = row.record as CaseRecord;
      if (!record.child.upn && !record.child.uln) record.child.upnUnknown = "UN8";
      for (const plan of record.plans) {
        const last = plan.ceased && plan.ceased.date < "2027-01-21" ? plan.ceased.date : "2027-01-21";
        if (record.placements.some((p) => p.start <= last && (p.end === undefined || p.end >= last))) continue;
        record.placements.push({
          id: `home-${plan.id}`,
          settingName: "Home",
          settingCode: "EHE",
          settingType: "other",
          outOfAuthority: false,
          residential: false,
          independent: false,
          start: plan.made,
          ...(plan.ceased ? { end: plan.ceased.date } : {}),
        });
      }
      await trx
        .updateTable("child_case")
        .set({ record: JSON.stringify(record) })
        .where("id", "=", row.id)
        .execute();
    }
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

const children = () => readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("child_case").select("id").execute()).length);

async function noViolations(page: Page) {
  assert.deepEqual(await accessibilityViolations(page), []);
}

async function upload(page: Page, name: string, bytes: Buffer, mode: "Check the file" | "Read the file in") {
  await page.getByLabel("The SEN2 XML file").setInputFiles({ name, mimeType: "application/xml", buffer: bytes });
  await page.getByRole("radio", { name: new RegExp(`^${mode}:`) }).check();
  await page.getByRole("button", { name: "Upload the file" }).click();
}

test("SEN2: settings, checks, export, then the file checked, read in and a broken copy refused on the upload page", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, app.baseUrl, "manager@demo-borough.example");

  await page.goto(`${app.baseUrl}/returns/sen2?year=2027`);
  await page.getByRole("heading", { name: "SEN2 return 2027", level: 1 }).waitFor();
  await page.getByLabel("DfE LA number").fill("883");
  await page.getByLabel("Designated Medical Officer in post on census day").selectOption("Yes");
  await page.getByRole("button", { name: "Save the settings" }).click();
  await page.getByRole("heading", { name: "Checks" }).waitFor();
  await page.getByText(/\d+ children in the return: 0 errors/).waitFor();
  await page.getByRole("heading", { name: "Items left blank in the casework" }).waitFor();
  assert.ok(
    await page.getByRole("rowheader", { name: "Requests/Assessment/NamedPlan/PlanRes" }).isVisible(),
    "residential places without their weeks",
  );
  await noViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export the SEN2 XML" }).click()]);
  assert.match(download.suggestedFilename(), /^sen2-2027-\d+\.xml$/);
  const xml = await readFile((await download.path()) as string);
  const persons = (xml.toString("utf8").match(/<Person>/g) ?? []).length;
  assert.ok(persons > 0);
  const held = await children();

  // The exported file, checked: every child is already held, nothing would be created.
  await page.getByRole("link", { name: "Read in a SEN2 return" }).click();
  await page.getByRole("heading", { name: "Read in a SEN2 return", level: 1 }).waitFor();
  await noViolations(page);
  await upload(page, "sen2-2027.xml", xml, "Check the file");
  await page.getByRole("heading", { name: "File checked: nothing saved", level: 1 }).waitFor();
  const value = (key: string) => page.locator(".govuk-summary-list__row", { has: page.getByText(key, { exact: true }) }).locator("dd");
  assert.equal((await value("Children in the file").textContent())?.trim(), String(persons));
  assert.equal((await value("Children it would create").textContent())?.trim(), "0");
  assert.equal((await value("Children already held (left as they are)").textContent())?.trim(), String(persons));
  await noViolations(page);

  // Read in for real: nothing new, and the council still holds the same children.
  await upload(page, "sen2-2027.xml", xml, "Read the file in");
  await page.getByRole("heading", { name: "File read in", level: 1 }).waitFor();
  assert.equal((await value("Children created").textContent())?.trim(), "0");
  assert.equal(await children(), held);

  // A copy with an impossible date of birth for the first child: refused by child and item.
  const broken = Buffer.from(xml.toString("utf8").replace(/<PersonBirthDate>(\d{4})-\d{2}-\d{2}</, "<PersonBirthDate>$1-02-30<"));
  await upload(page, "broken.xml", broken, "Read the file in");
  await page.getByRole("heading", { name: "The file was not read", level: 1 }).waitFor();
  await page.getByRole("link", { name: /"broken.xml" was not read, and nothing was saved: 1 problem, listed below/ }).waitFor();
  const problem = page.locator("#problems tbody tr").first();
  assert.match((await problem.textContent()) ?? "", /Person 1: .*PersonBirthDate.*-02-30" is not a real date/s);
  assert.equal(await children(), held, "nothing saved");
  await noViolations(page);
  await context.close();
});
