// Regenerates docs/screenshots/ (issue 20): the register, all actions, the audit trail and the
// deadline calculator, as a SEND manager, at a desktop width (1280 px) and at 320 px, on the demo
// data of a throw-away in-memory database. Each shot is the first screen of the page (900 px
// high), and the script prints how wide and tall each page is.
//
//   node --import tsx scripts/screenshots.ts
import fs from "node:fs";
import path from "node:path";
import { launchBrowser, signIn } from "../e2e/browser.ts";
import { projectRoot } from "../src/platform/assets.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";

const PAGES = [
  { name: "register", path: "/cases/register" },
  { name: "all-actions", path: "/plans/actions" },
  { name: "audit-trail", path: "/audit" },
  { name: "calculator", path: "/deadlines" },
];
const WIDTHS = [1280, 320];
const folder = path.join(projectRoot, "docs/screenshots");

fs.mkdirSync(folder, { recursive: true });
const app = await startTestApp({ caseload: 40 });
const browser = await launchBrowser();
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.baseUrl, "manager@demo-borough.example");
    for (const shot of PAGES) {
      await page.goto(app.baseUrl + shot.path);
      const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
      const file = path.join(folder, `${shot.name}-${width}.png`);
      await page.screenshot({ path: file });
      console.log(`${shot.path} at ${width} px: page ${size.width} x ${size.height} px -> ${path.relative(projectRoot, file)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}
