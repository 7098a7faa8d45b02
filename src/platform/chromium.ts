// Debian's Chromium, driven by playwright-core (it cannot download its own browsers here): one
// place for where it is and how it is launched, for PDF reports and the browser tests alike.
//
// PDFs share one browser (issue 12: twelve PDF requests at once started 83 Chromium processes,
// 2.1 GB). It is launched on the first PDF and kept; each PDF gets a context and page of its own,
// at most `concurrency` print at once, a few more wait their turn, and beyond that the caller is
// told the printer is busy (the routes answer 503). No library here does this (playwright-core has
// no pool, and no concurrency-limiting package is installed), so it is the small queue below.
import type { Browser, Page } from "playwright-core";

/** Debian's Chromium, or CHROMIUM_PATH (read each time, so it can be installed later). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, and quiet: this machine's network is closed, so no background connections. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Every print slot and every place in the queue is taken: try again shortly. */
export class ChromiumBusy extends Error {
  constructor() {
    super("PDF reports are busy: several are being made at the moment. Try again in a minute, or download the report as Word or as a web page.");
  }
}

export interface SharedChromiumOptions {
  /** Pages printing at once. */
  concurrency: number;
  /** Requests that may wait for a page; one more is refused with ChromiumBusy. */
  queue: number;
  /** Starts the browser (playwright-core's chromium.launch unless given, for tests). */
  launch?: () => Promise<Browser>;
}

async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export class SharedChromium {
  /** How many times a browser has been started (a crashed one is started again). */
  launches = 0;
  private browser: Promise<Browser> | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: SharedChromiumOptions) {}

  /** Runs `work` on a fresh page (JavaScript off) of the shared browser, in turn with the others. */
  async withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    await this.slot();
    try {
      const browser = await this.browserNow();
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        return await work(await context.newPage());
      } finally {
        await context.close().catch(() => {});
      }
    } finally {
      this.release();
    }
  }

  /** Closes the browser (on shutdown); the next PDF would start another. */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private async slot(): Promise<void> {
    if (this.running < this.options.concurrency) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= this.options.queue) throw new ChromiumBusy();
    // The slot is handed over by release(), so `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  private browserNow(): Promise<Browser> {
    if (!this.browser) {
      this.launches += 1;
      const launching = (this.options.launch ?? launchChromium)();
      this.browser = launching;
      // A browser that fails to start, crashes or is closed is forgotten, so the next PDF starts another.
      const forget = () => {
        if (this.browser === launching) this.browser = undefined;
      };
      launching.then((browser) => browser.on("disconnected", forget), forget);
    }
    return this.browser;
  }
}

/** The one browser this process prints PDFs with: two pages at once, eight more waiting. */
export const sharedChromium = new SharedChromium({ concurrency: 2, queue: 8 });
