// Every template under src, rendered through the application's own Nunjucks set-up with a hostile
// value for every variable it uses: the hostile markup must come out escaped, never as markup.
// (Issue 12: a lead's name with <meta http-equiv="refresh"> sent a browser to another site.)
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import express from "express";
import nunjucks from "nunjucks";
import { projectRoot } from "./assets.ts";
import { configureViews, isDateText, trimFilter } from "./views.ts";

const HOSTILE = '<script>x</script><meta http-equiv="refresh" content="0;url=https://evil.example">';
// What must never appear raw: each tag's opening, which an escaped copy cannot contain.
const RAW_MARKUP = [/<script>x<\/script>/i, /<meta http-equiv="refresh"/i, /<meta http-equiv=&quot;refresh/i];

/** Names Nunjucks built-ins and the app's globals own: a context value must not shadow them. */
function environmentGlobals(env: nunjucks.Environment): Set<string> {
  return new Set(Object.keys((env as unknown as { globals: Record<string, unknown> }).globals));
}

/** Every template file under src (feature views, layouts, partials). */
function templatesUnderSrc(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".njk")) found.push(full);
    }
  };
  walk(path.join(projectRoot, "src"));
  return found.sort();
}

/** The names a template looks up: every symbol in its syntax tree, and in what it extends or includes. */
function symbolsOf(source: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const n = node as { typename?: string; value?: unknown; children?: unknown[]; fields?: string[] } & Record<string, unknown>;
    if (n.typename === "Symbol" && typeof n.value === "string") names.add(n.value);
    for (const field of n.fields ?? []) visit(n[field]);
    if (Array.isArray(n.children)) for (const child of n.children) visit(child);
  };
  visit((nunjucks as unknown as { parser: { parse: (src: string) => unknown } }).parser.parse(source));
  return names;
}

/**
 * A value that is hostile however a template uses it: printed, it is the hostile string; as a list,
 * it has one hostile item; any property of it is hostile too (to a depth, then a plain string).
 * String methods work on the hostile string, list methods on the one-item list. It has no `html`
 * property: see below.
 */
function hostile(depth = 0): unknown {
  if (depth > 6) return HOSTILE;
  let child: unknown;
  const next = () => {
    child ??= hostile(depth + 1);
    return child;
  };
  const target: unknown[] = [];
  return new Proxy(target, {
    get(_target, prop) {
      if (prop === Symbol.toPrimitive) return () => HOSTILE;
      if (prop === "toString" || prop === "valueOf" || prop === "toJSON") return () => HOSTILE;
      if (prop === Symbol.iterator)
        return function* () {
          yield next();
        };
      if (prop === "length") return 1;
      if (prop === "0") return next();
      if (typeof prop === "symbol" || prop === "then" || prop === "__keywords" || prop === "constructor") return undefined;
      // GOV.UK macros print an item's `html` (and `attributes`) unescaped by design: data our code builds into lists
      // (navigation, rows) carries `text`. Markup a template builds from data into an `html`
      // parameter is still checked, because the data in it is hostile.
      if (prop === "html" || prop.endsWith("Html") || prop === "attributes") return undefined;
      const listMethod = (Array.prototype as unknown as Record<string, unknown>)[prop];
      if (typeof listMethod === "function") return (...args: unknown[]) => (listMethod as (...a: unknown[]) => unknown).apply([next()], args);
      const stringMethod = (String.prototype as unknown as Record<string, unknown>)[prop];
      if (typeof stringMethod === "function") return (...args: unknown[]) => (stringMethod as (...a: unknown[]) => unknown).apply(HOSTILE, args);
      return next();
    },
    has: () => true,
    ownKeys: () => ["0", "length"],
    getOwnPropertyDescriptor: (_t, prop) =>
      prop === "length"
        ? { value: 1, writable: true, enumerable: false, configurable: false }
        : { value: next(), writable: true, enumerable: true, configurable: true },
  });
}

test("every template under src escapes hostile values in every variable it uses", () => {
  const env = configureViews(express());
  // Date filters refuse what is not a date (dates come from date columns); for this test they pass
  // the hostile value through, so it reaches the output and its escaping is what is checked.
  for (const filter of ["formatDate", "formatDateTime"]) {
    const real = env.getFilter(filter) as (value: unknown) => unknown;
    env.addFilter(filter, (value: unknown) => {
      try {
        return real(value);
      } catch {
        return value;
      }
    });
  }
  const globals = environmentGlobals(env);
  const templates = templatesUnderSrc();
  assert.ok(templates.length > 30, `found ${templates.length} templates`);
  const leaks: string[] = [];
  const failures: string[] = [];
  for (const file of templates) {
    // The names of this template and of every template it extends, includes or imports.
    const seen = new Set<string>();
    const queue = [file];
    const names = new Set<string>();
    while (queue.length) {
      const current = queue.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      const source = fs.readFileSync(current, "utf8");
      for (const name of symbolsOf(source)) names.add(name);
      for (const match of source.matchAll(/{%-?\s*(?:extends|include|import|from)\s+"([^"]+)"/g)) {
        const resolved = (env as unknown as { loaders: { getSource: (n: string) => { path: string } | null }[] }).loaders
          .map((loader) => loader.getSource(match[1] as string))
          .find(Boolean);
        if (resolved?.path.startsWith(path.join(projectRoot, "src"))) queue.push(resolved.path);
      }
    }
    const context: Record<string, unknown> = {};
    for (const name of names) if (!globals.has(name) && name !== "loop" && name !== "caller") context[name] = hostile();
    const name = path.relative(projectRoot, file);
    let html: string;
    try {
      html = env.render(file, context);
    } catch (error) {
      failures.push(
        `${name}: ${(error as Error).message
          .replace(/\s+/g, " ")
          .replace(/\([^)]*\) Template render error: /g, "")
          .slice(-300)}`,
      );
      continue;
    }
    for (const pattern of RAW_MARKUP) {
      const at = html.search(pattern);
      if (at >= 0) leaks.push(`${name}: ${JSON.stringify(html.slice(Math.max(0, at - 160), at + 20))}`);
    }
  }
  assert.deepEqual(failures, [], "every template renders with hostile values");
  assert.deepEqual(leaks, [], "no template lets hostile markup through");
});

test("isDateText knows a date written for people, so its cell does not wrap (issue 20)", () => {
  assert.equal(isDateText("9 March 2026"), true);
  assert.equal(isDateText("Since 1 May 2025"), true);
  assert.equal(isDateText("2026-03-09"), false);
  assert.equal(isDateText("Not required"), false);
  assert.equal(isDateText("A long sentence that happens to end in a date, 9 March 2026"), false);
  assert.equal(isDateText(undefined), false);
});

test("templates' trim is the linear one (issue 14), and trims what Nunjucks's own trim trims, keeping safe text safe", () => {
  const env = configureViews(express());
  assert.equal(env.getFilter("trim"), trimFilter);
  // Nunjucks's own filter, for comparison: replace(/^\s*|\s*$/g, "").
  const builtIn = new nunjucks.Environment().getFilter("trim") as (value: unknown) => unknown;
  const texts = ["", "   ", " a ", "\n\t<p>x</p>\n  \n", "\u00a0a\u2028", "\ufeffa\u3000 ", "a  b", `${" \n".repeat(50)}x${" \n".repeat(50)}`, "x"];
  for (const text of texts) {
    assert.equal(trimFilter(text), builtIn(text), JSON.stringify(text));
    const safe = trimFilter(new nunjucks.runtime.SafeString(text));
    assert.ok(safe instanceof nunjucks.runtime.SafeString, "safe text stays safe");
    assert.equal(String(safe), String(builtIn(new nunjucks.runtime.SafeString(text))));
  }
  // Unsafe text is still escaped after trimming.
  assert.equal(env.renderString("{{ v | trim }}", { v: "  <b>x</b> " }), "&lt;b&gt;x&lt;/b&gt;");
  assert.equal(env.renderString("{{ v | trim }}", { v: new nunjucks.runtime.SafeString("  <b>x</b> ") }), "<b>x</b>");
});
