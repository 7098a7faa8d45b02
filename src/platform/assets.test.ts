import assert from "node:assert/strict";
import { test } from "node:test";
import { buildStylesheet } from "./assets.ts";

test("the council stylesheet is compiled with Arial and never mentions GDS Transport", () => {
  const css = buildStylesheet(true);
  assert.ok(css.length > 50_000, "the GOV.UK and MOJ styles are in it");
  assert.doesNotMatch(css, /GDS Transport/i);
  assert.match(css, /font-family:arial,sans-serif/);
  assert.match(css, /\.moj-filter/);
  assert.match(css, /\.govuk-generic-header/);
});
