// PDF: the report's own accessible HTML (html.ts) printed by Debian's Chromium through
// playwright-core: A4 landscape with backgrounds, so status cells keep their colour. When there is
// no Chromium the request fails with PdfUnavailable, which the routes turn into a 503 page.
import fs from "node:fs";
import { CHROMIUM_ARGS, chromiumPath } from "../../../platform/chromium.ts";
import type { ReportDocument } from "./document.ts";
import { renderHtml } from "./html.ts";

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
    args: CHROMIUM_ARGS,
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
