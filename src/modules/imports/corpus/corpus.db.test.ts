// The import corpus (issue 11): each layout's real file goes through the check a person sees
// (the service's dry run) and must give exactly the sections, actions, numbers, statuses, due
// dates with their precision and rows left out that are written beside it in corpus.ts.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../../platform/testing/test-database.ts";
import { actionLine, CORPUS, type Expected } from "./corpus.ts";

describe("the import corpus: every layout imports as expected", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let actor: { councilId: string; userId: null };

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    actor = { councilId: (await system.people.createCouncil({ code: "CORPUS", name: "Corpus Council" })).id, userId: null };
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("the corpus has the twelve layouts issue 11 lists, each file named once", () => {
    assert.ok(CORPUS.length >= 12, `${CORPUS.length} layouts`);
    assert.equal(new Set(CORPUS.map((e) => e.file)).size, CORPUS.length);
  });

  for (const entry of CORPUS) {
    test(`${entry.file}: ${entry.layout}`, async () => {
      const bytes = await entry.make();
      const preview = await system.imports.preview(actor, "system", { fileName: entry.file, bytes, dryRun: true, ...entry.request });
      assert.deepEqual(preview.report.problems, [], "the check finds no problem");
      const found: Expected = {
        scheme: preview.details?.scheme.code ?? "",
        ...(entry.expected.asOf ? { asOf: preview.details?.asOf.value ?? undefined } : {}),
        ...(entry.expected.title ? { title: preview.details?.title.value ?? undefined } : {}),
        ...(entry.expected.type ? { type: preview.details?.type.value ?? undefined } : {}),
        leftOut: preview.leftOut?.length ?? 0,
        sections: (preview.plan ?? []).map((s) => ({
          number: s.number,
          title: s.title,
          depth: s.depth,
          actions: s.actions.map((a) => actionLine(a)),
        })),
      } as Expected;
      assert.deepEqual(found, entry.expected);
    });
  }
});
