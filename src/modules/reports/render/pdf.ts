// PDF: the report's own accessible HTML (html.ts) printed by Debian's Chromium through
// playwright-core: A4 landscape with backgrounds, so status cells keep their colour. When there is
// no Chromium the request fails with PdfUnavailable, and when the shared browser's queue is full
// with ChromiumBusy (src/platform/chromium.ts); the routes turn each into a 503 page.
import fs from "node:fs";
import { chromiumPath, type SharedChromium, sharedChromium } from "../../../platform/chromium.ts";
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

/** Prints on the process's shared browser; throws ChromiumBusy when its queue is full. */
export async function renderPdf(document: ReportDocument, chromium: SharedChromium = sharedChromium): Promise<Buffer> {
  if (!pdfAvailable()) throw new PdfUnavailable();
  return chromium.withPage(async (page) => {
    // The document is self-contained (inline styles, no scripts); block any request it might make.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(renderHtml(document).toString("utf8"), { waitUntil: "load" });
    return page.pdf({ format: "A4", landscape: true, printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
  });
}
