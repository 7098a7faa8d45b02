// Debian's Chromium, driven by playwright-core (it cannot download its own browsers here): one
// place for where it is and how it is launched, for PDF reports and the browser tests alike.

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
