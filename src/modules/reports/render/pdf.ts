// PDF: the report's own accessible HTML (html.ts) printed by Debian's Chromium through
// playwright-core: A4 landscape with backgrounds, so status cells keep their colour. When there is
// no Chromium the request fails with PdfUnavailable, which the routes turn into a 503 page.
import fs from "node:fs";
import type { ReportDocument } from "./document.ts";
import { renderHtml } from "./html.ts";

/** Debian's Chromium, or CHROMIUM_PATH (read on each request, so it can be installed later). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** PDF output needs Chromium, which this server does not have. */
export class PdfUnavailable extends Error {
  constructor() {
    super(
      `PDF reports need Chromium at ${chromiumPath()}, which is not installed on this server. Download the report as Word or as a web page and print it instead.`,
    );
  }
}

export function pdfAvailable(): boolean {
  return fs.existsSync(chromiumPath());
}

export async function renderPdf(document: ReportDocument): Promise<Buffer> {
  if (!pdfAvailable()) throw new PdfUnavailable();
  // Loaded on demand: playwright-core is only needed for PDF (and is a dev dependency today).
  const { chromium } = await import("playwright-core").catch(() => {
    throw new PdfUnavailable();
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // The document is self-contained (inline styles, no scripts); block any request it might make.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(renderHtml(document).toString("utf8"), { waitUntil: "load" });
    return await page.pdf({ format: "A4", landscape: true, printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
  } finally {
    await browser.close();
  }
}
