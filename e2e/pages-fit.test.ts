// Pages that fit (issue 20, WCAG 2.2 1.4.10 reflow), in Chromium at a desktop width (1280 px),
// tablets and zoomed desktops (1024, 768, 641 px), a phone (375 px) and the 320 px WCAG reflow asks
// for. The pages issue 20 measured are checked in detail: no sideways scrolling, their key columns
// on screen, headings near the top, and axe at 1280 and 375 px; Add a child's pages at 320 px.
// Then every role signs in and visits every page it can reach (one URL per route), measured at
// each width, and any page wider than the window fails. One app, one browser.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_USERS } from "../src/modules/demo/demo.seed.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

const DESKTOP = 1280;
const PHONE = 375;
const REFLOW = 320;
/** Tablets and zoomed desktops: GOV.UK's tablet layout starts at 641 px and its desktop layout at 769 px. */
const TABLETS = [641, 768, 1024];

/** How wide the page is beside its window: wider means it scrolls sideways. */
async function widthOf(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

async function assertFits(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await widthOf(page);
  assert.ok(scrollWidth <= innerWidth, `${what} is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

/**
 * Each named column of the page's first table whose caption matches is on screen: its header
 * where the table is a table, or, where it is stacked into a summary per row (a phone), the
 * first row's cell labelled with that name.
 */
async function assertKeyColumnsShown(page: Page, caption: RegExp, names: string[], what: string): Promise<void> {
  const table = page
    .locator("table")
    .filter({ has: page.locator("caption", { hasText: caption }) })
    .first();
  await table.waitFor();
  // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
  const places = await table.evaluate(
    (element, wanted) =>
      wanted.map((name) => {
        const header = [...element.querySelectorAll("thead th")].find((th) => th.textContent?.trim() === name);
        const cell = element.querySelector(`tbody tr td[data-label="${name}"]`);
        const shown = [header, cell].some((e) => {
          if (!e) return false;
          const r = e.getBoundingClientRect();
          const clipped = getComputedStyle(e.closest("thead") ?? e).position === "absolute";
          // Not cut off by a box that scrolls or hides its overflow either.
          let box = e.parentElement;
          while (box && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
          const edge = box && box !== document.documentElement && box !== document.body ? box.getBoundingClientRect().right : window.innerWidth;
          if (clipped || r.width <= 1 || r.height <= 1 || r.left < 0 || r.right > Math.min(edge, window.innerWidth) + 1) return false;
          // And nothing lies over it (a filter panel fixed over the page, say).
          e.scrollIntoView({ block: "center" });
          const now = e.getBoundingClientRect();
          const top = document.elementFromPoint(now.left + Math.min(now.width / 2, 20), now.top + now.height / 2);
          return top !== null && e.contains(top);
        });
        return { name, shown };
      }),
    names,
  );
  const missing = places.filter((p) => !p.shown).map((p) => p.name);
  assert.deepEqual(missing, [], `${what}: key columns off screen`);
}

/** The page's main heading starts near the top (issue 20: the header rows pushed it ~320 px down). */
async function assertHeadingNearTop(page: Page, what: string): Promise<void> {
  const top = await page
    .locator("h1")
    .first()
    .evaluate((h) => h.getBoundingClientRect().top + window.scrollY);
  assert.ok(top < 270, `${what}: the heading starts ${Math.round(top)} px down`);
}

/** Opens a page in a context of the given width, checks it fits, and runs axe unless told not to. */
async function visit(page: Page, url: string, what: string, options: { axe?: boolean } = {}): Promise<void> {
  const response = await page.goto(url);
  assert.ok(response && response.status() < 400, `${what}: ${url} answered ${response?.status()}`);
  await assertFits(page, `${what} (${url})`);
  if (options.axe !== false) assert.deepEqual(await accessibilityViolations(page), [], `${what}: axe`);
}

/** One URL per route: ids, dates and list names become placeholders. */
function routeOf(href: string): string {
  return href
    .replace(/[?#].*$/, "")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")
    .replace(/\/\d{4}-\d\d-\d\d(?=\/|$)/g, "/:date")
    .replace(/^\/measures\/[^/]+\/cases$/, "/measures/:measure/cases")
    .replace(/^\/cases\/:id\/record\/[^/]+$/, "/cases/:id/record/:kind")
    .replace(/^\/messages\/templates\/[^/]+$/, "/messages/templates/:kind");
}

/** Links worth following: this site's pages, not files, sign-out or a parent's advice link. */
const FOLLOW = (href: string) => href.startsWith("/") && !/\.(csv|xlsx|docx|pdf|html|json)(\?|$)|^\/(assets|sign-out|advice)\b/.test(href);

describe("pages that fit, at 1280, 1024, 768, 641, 375 and 320 px", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ caseload: 40 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(email: string, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.baseUrl, email);
    return { context, page };
  }

  test("the pages issue 20 measured fit, keep their key columns and pass axe", async () => {
    const base = app.baseUrl;
    // A lead writes an update with a long unbroken web address: it wraps on a phone.
    const lead = await signedIn("lead@demo-borough.example", DESKTOP);
    await lead.page.goto(`${base}/plans/actions`);
    const actionHref = (await lead.page.locator("a[href^='/actions/']").first().getAttribute("href")) as string;
    await lead.page.goto(`${base}${actionHref}/updates/new`);
    const longUrl = `https://www.example.gov.uk/${"send-improvement-plan-evidence-folder-".repeat(6)}final.pdf`;
    const [year, month, day] = new Date().toISOString().slice(0, 10).split("-") as [string, string, string];
    const when = lead.page.getByRole("group", { name: "Date of the update" });
    await when.getByLabel("Day").fill(String(Number(day)));
    await when.getByLabel("Month").fill(String(Number(month)));
    await when.getByLabel("Year").fill(year);
    if (!(await lead.page.locator("input[name='status']:checked").count())) await lead.page.locator("input[name='status']").first().check();
    await lead.page.getByLabel("Commentary").fill(`Evidence: ${longUrl}`);
    await lead.page.getByRole("button", { name: "Save update" }).click();
    await lead.page
      .waitForURL((url) => url.pathname === actionHref, { timeout: 10_000 })
      .catch(async () => {
        assert.fail(`the update was not saved: ${await lead.page.locator(".govuk-error-summary").textContent()}`);
      });
    await lead.context.close();

    for (const width of [DESKTOP, PHONE, REFLOW]) {
      const axe = width !== REFLOW;
      const at = `at ${width} px`;
      const { context, page } = await signedIn("manager@demo-borough.example", width);

      await visit(page, `${base}/cases/register`, `The register ${at}`, { axe });
      await assertKeyColumnsShown(
        page,
        /children/,
        ["Name", "Date of birth", "Setting", "Next review due", "Next visit due", "Caseworker"],
        `The register ${at}`,
      );
      if (width === DESKTOP) {
        await assertHeadingNearTop(page, `The register ${at}`);
        // Dates stay on one line: a "Next review due" cell is one line high.
        const lines = await page
          .locator("td[data-label='Next review due']")
          .first()
          .evaluate((td) => {
            const text = document.createRange();
            text.selectNodeContents(td);
            return new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size;
          });
        assert.ok(lines <= 1, `a date in the register takes ${lines} lines`);
        // Every column, behind "show all columns": it scrolls in its own labelled region.
        await page.getByRole("link", { name: /show all 14 columns/ }).click();
        const region = page.getByRole("region", { name: /Register, all columns/ });
        assert.equal(await region.getAttribute("tabindex"), "0");
        assert.ok(await region.getByRole("columnheader", { name: "UPN" }).count());
        await assertFits(page, `The register with all columns ${at}`);
        assert.deepEqual(await accessibilityViolations(page), [], `The register with all columns ${at}: axe`);
        // A tablet or zoomed desktop: the key columns as a table at 1024 px, stacked below 769 px.
        await page.goto(`${base}/cases/register`);
        for (const tablet of TABLETS) {
          await page.setViewportSize({ width: tablet, height: 900 });
          await assertFits(page, `The register at ${tablet} px`);
          await assertKeyColumnsShown(page, /children/, ["Name", "Date of birth", "Next review due", "Caseworker"], `The register at ${tablet} px`);
        }
        await page.setViewportSize({ width, height: 900 });
      }

      await visit(page, `${base}/cases`, `Casework ${at}`, { axe });
      await assertKeyColumnsShown(page, /page 1 of/, ["Child", "Why it is here", "Date", "Caseworker"], `Casework ${at}`);
      await visit(page, `${base}/cases/worklists/due-soon`, `A worklist ${at}`, { axe });

      await visit(page, `${base}/audit`, `The audit trail ${at}`, { axe });
      const details = await page.locator("table tbody td:nth-child(3)").allTextContents();
      assert.ok(details.length > 0 && details.every((text) => !/[{}]|":/.test(text)), "the audit trail's details are words, not JSON");

      await visit(page, `${base}/plans/actions`, `All actions ${at}`, { axe });
      await assertKeyColumnsShown(page, /Actions matching the filters/, ["Lead", "Due", "Status", "Since"], `All actions ${at}`);
      if (width === DESKTOP) {
        // The results sit beside the filter, not below it.
        const beside = await page.evaluate(() => {
          const filter = document.querySelector(".moj-filter-layout__filter")?.getBoundingClientRect();
          const results = document.querySelector(".moj-filter-layout__content table")?.getBoundingClientRect();
          return Boolean(filter && results && results.top < filter.bottom && results.left >= filter.right);
        });
        assert.ok(beside, "All actions: the results sit beside the filter");
        for (const tablet of TABLETS) {
          await page.setViewportSize({ width: tablet, height: 900 });
          await assertFits(page, `All actions at ${tablet} px`);
          await assertKeyColumnsShown(page, /Actions matching the filters/, ["Lead", "Due", "Status", "Since"], `All actions at ${tablet} px`);
        }
        await page.setViewportSize({ width, height: 900 });
      }
      const headings = await page.locator("caption").allTextContents();
      assert.ok(
        headings.some((h) => /actions by status \(Four-state scheme\)/.test(h)) && !headings.some((h) => /limited progress, dates/.test(h)),
        `All actions: headings name the scheme briefly (${headings.join("; ")})`,
      );

      await visit(page, `${base}/deadlines`, `The calculator ${at}`, { axe });
      assert.ok(await page.locator("details.app-form-section:not([open])").count(), "the calculator folds its rarer sections");
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 6000, `the calculator is one ${height} px page`);

      await page.goto(`${base}/plans`);
      const planHref = (await page
        .locator("main a[href^='/plans/']")
        .filter({ hasNotText: /new|import|actions/i })
        .first()
        .getAttribute("href")) as string;
      await visit(page, `${base}${planHref}`, `A plan ${at}`, { axe });

      await page.goto(`${base}/forums`);
      const forumHref = (await page.locator("main a[href^='/forums/']:not([href='/forums/new'])").first().getAttribute("href")) as string;
      await visit(page, `${base}${forumHref}`, `A forum ${at}`, { axe });
      if (width === DESKTOP) {
        // A tag in a sentence stays on one line.
        const wrapped = await page.locator("main p .govuk-tag, main li .govuk-tag").evaluateAll((tags) =>
          tags
            .filter((tag) => {
              const style = getComputedStyle(tag);
              const oneLine = Number.parseFloat(style.lineHeight) + Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
              return tag.getBoundingClientRect().height > oneLine + 2;
            })
            .map((tag) => tag.textContent?.trim()),
        );
        assert.deepEqual(wrapped, [], "status tags in sentences wrap");
      }

      await visit(page, `${base}${actionHref}`, `An action with a long web address ${at}`, { axe });
      assert.ok(await page.getByText(longUrl).isVisible());

      if (width === REFLOW) {
        // Add a child's question pages and its check answers page fit a phone and a tablet.
        await visit(page, `${base}/cases/new`, `Add a child ${at}`, { axe });
        const next = () => page.getByRole("button", { name: "Continue" }).click();
        await page.getByLabel("First name").fill("Narrow");
        await page.getByLabel("Last name").fill("Screen");
        await next();
        const born = page.getByRole("group", { name: "Date of birth" });
        await born.getByLabel("Day").fill("2");
        await born.getByLabel("Month").fill("3");
        await born.getByLabel("Year").fill("2015");
        await next();
        await page.getByLabel("Female", { exact: true }).check();
        await next();
        await next();
        await page.getByLabel("Primary need").selectOption("SLCN");
        await next();
        await next();
        await page.getByRole("heading", { name: "Check your answers" }).waitFor();
        for (const each of [REFLOW, ...TABLETS]) {
          await page.setViewportSize({ width: each, height: 900 });
          await assertFits(page, `Add a child: check your answers at ${each} px`);
        }
      }
      await context.close();
    }
  });

  test("every page each role can reach fits at 1280, 1024, 768, 641 and 320 px", async () => {
    const base = app.baseUrl;
    const tooWide: string[] = [];
    // Each page is loaded once, at 320 px, and measured there, at the tablet widths and at 1280 px
    // (the window is widened, not reloaded), then narrowed again for the next page.
    async function measure(page: Page, what: string) {
      for (const width of [REFLOW, ...TABLETS, DESKTOP]) {
        await page.setViewportSize({ width, height: 900 });
        const { scrollWidth } = await widthOf(page);
        if (scrollWidth > width) tooWide.push(`${what} at ${width} px: ${scrollWidth} px`);
      }
      await page.setViewportSize({ width: REFLOW, height: 900 });
    }
    // Before signing in: the sign-in page, the accessibility statement and the calculator.
    const context = await browser.newContext({ viewport: { width: REFLOW, height: 900 } });
    const page = await context.newPage();
    for (const url of ["/sign-in", "/accessibility", "/deadlines"]) {
      await page.goto(base + url);
      await measure(page, `${url} (signed out)`);
    }
    await context.close();

    const seen = new Set<string>();
    for (const person of DEMO_USERS) {
      const { context, page } = await signedIn(person.email, REFLOW);
      // Each role starts from its home page (seen already or not) for the links it is offered.
      const queue = ["/"];
      let start = true;
      while (queue.length) {
        const href = queue.shift() as string;
        const route = routeOf(href);
        if (seen.has(route) && !start) continue;
        start = false;
        seen.add(route);
        const response = await page.goto(base + href);
        assert.ok(response, `${href}: no answer`);
        assert.ok(response.status() < 500, `${href} answered ${response.status()} for ${person.email}`);
        if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue;
        await measure(page, `${href} (${route}) as ${person.email}`);
        const links = await page.locator("a[href^='/']:not([download])").evaluateAll((as) => as.map((a) => a.getAttribute("href") as string));
        for (const link of links) if (FOLLOW(link) && !seen.has(routeOf(link))) queue.push(link);
      }
      await context.close();
    }
    assert.deepEqual(tooWide, []);
    // The crawl reached the pages of every part of the system, not just the home page.
    const expected = [
      "/cases/register",
      "/plans/actions",
      "/audit",
      "/plans/:id",
      "/forums/:id",
      "/actions/:id",
      "/cases/:id",
      "/people",
      "/measures",
    ];
    assert.deepEqual(
      expected.filter((route) => !seen.has(route)),
      [],
      `routes never reached; reached: ${[...seen].join(", ")}`,
    );
  });
});
