// The layouts councils use (issue 11), each rule as a family: real .docx, .xlsx and .csv files
// written here, read by the readers and mapped. Headings above tables in several styles, section
// rows inside a table, numbers that restart per section, status words in several vocabularies and
// colours only, keys and legends in several forms, dates from the file, timescales in the text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FixtureCell, type FixtureTable, writeDocx, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { type ImportedAction, type ImportedSection, inferScheme, mapTables } from "../../domain/imports/mapping.ts";
import { BUILT_IN_SCHEMES, FIVE_LEVEL, FOUR_STATE, RAG_BLUE } from "../../domain/plans/schemes.ts";
import { readTables } from "./readers/index.ts";

const cells = (...texts: string[]): FixtureCell[] => texts.map((text) => ({ text }));
const HEADER = cells("No", "Action", "Lead", "Timescale", "RAG", "Progress update");
const actions = (sections: ImportedSection[]): ImportedAction[] => sections.flatMap((s) => [...s.actions, ...actions(s.sections ?? [])]);

async function read(name: string, bytes: Uint8Array) {
  const result = await readTables(name, bytes);
  assert.ok(result.ok, result.ok ? "" : result.problem);
  return result;
}

describe("Word documents: one table per section under a heading", () => {
  const tables: FixtureTable[] = [
    {
      name: "t1",
      before: [
        "Written Statement of Action",
        "Significant weakness 1: Records are incomplete",
        "Aim: know where every child is placed",
        "KPIs:",
        "All records checked monthly",
      ],
      rows: [
        HEADER,
        cells("1.1", "Audit every record", "Head of SEN", "Sept 2019", "RED", "Oct 19: audit started"),
        cells("1.2", "Fix the gaps", "Head of SEN", "Jan 2020", "amber", ""),
      ],
    },
    {
      name: "t2",
      before: ["Priority 2 - Joint commissioning"],
      rows: [HEADER, cells("1.1", "Agree the commissioning plan", "CCG lead", "Spring term 2020", "Light Green", "")],
    },
    {
      name: "t3",
      before: ["Recommendation 3"],
      rows: [
        HEADER,
        cells("1.1", "Publish the local offer", "Comms", "Ongoing", "GREEN", ""),
        cells("1.2", "Review it", "Comms", "By March 2021", "COMPLETED", ""),
      ],
    },
    {
      name: "t4",
      before: ["4. Preparing for adulthood"],
      rows: [
        HEADER,
        cells("1.1", "Map the post-16 offer", "Post-16 lead", "Feb onwards", "Completed", ""),
        [{ text: "Key: Completed = implemented in full; Green = embedded", span: 6 }],
        cells("Red = not started", "", "", "", "", ""),
        cells("Light green = on track", "", "", "", "", ""),
      ],
    },
  ];

  it("makes a section of each heading (four styles), keeps the file's numbers, reads aim and KPIs, and leaves the key out", async () => {
    const file = await read("wsoa.docx", await writeDocx(tables, "ignored"));
    const scheme = inferScheme(file.tables, BUILT_IN_SCHEMES, { planStart: "2019-07-01" });
    assert.equal(scheme?.code, "five-level", "light green makes it the five-level RAG");
    const result = mapTables(file.tables, { scheme: FIVE_LEVEL, planStart: "2019-07-01", updateDate: "2019-12-01" });
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections.map((s) => [s.number, s.title, s.kind, s.actions.map((a) => a.number)]),
      [
        ["1", "Significant weakness 1: Records are incomplete", "significant-weakness", ["1.1", "1.2"]],
        ["2", "Priority 2 - Joint commissioning", "priority", ["1.1"]],
        ["3", "Recommendation 3", "recommendation", ["1.1", "1.2"]],
        ["4", "4. Preparing for adulthood", "theme", ["1.1"]],
      ],
    );
    assert.equal(result.sections[0]?.aim, "know where every child is placed");
    assert.equal(result.sections[0]?.kpis, "All records checked monthly");
    const all = actions(result.sections);
    assert.deepEqual(
      all.map((a) => a.updates[0]?.status),
      ["red", "amber", "light-green", "green", "completed", "completed"],
    );
    assert.equal(new Set(all.map((a) => a.externalId)).size, all.length, "each action has its own reference");
    // "Oct 19:" dates the update; the others take the date the file speaks for.
    assert.deepEqual(
      all.map((a) => a.updates[0]?.date),
      ["2019-10-31", "2019-12-01", "2019-12-01", "2019-12-01", "2019-12-01", "2019-12-01"],
    );
    assert.deepEqual(
      all.map((a) => [a.timescale, a.due.precision, a.due.date]),
      [
        ["Sept 2019", "month", "2019-09-30"],
        ["Jan 2020", "month", "2020-01-31"],
        ["Spring term 2020", "term", "2020-03-31"],
        ["Ongoing", "tbc", null],
        ["By March 2021", "month", "2021-03-31"],
        ["Feb onwards", "month", "2020-02-29"],
      ],
    );
    assert.deepEqual(
      result.leftOut.map((l) => l.reason),
      ["a key to the statuses", "a key to the statuses", "a key to the statuses"],
    );
    assert.equal(result.details.type?.value, "wsoa");
  });
});

describe("Section rows inside one table, a header repeated per page, statuses as RAG + blue", () => {
  const csv = [
    "Update as at 15 March 2022",
    "No,Action,Lead,Due,Status,Progress update",
    "Area of weakness: Quality of EHC plans,,,,,",
    "1,Train writers,Principal EP,Q3 2021/22,BLUE,Done",
    "2,Audit plans,QA lead,31/03/2022,amber,",
    "No,Action,Lead,Due,Status,Progress update",
    "Significant Weakness 2: Waiting times,,,,,",
    "1,Clear the backlog,Service manager,,Red,January 2022 update: backlog at 40",
    "Legend,,,,,",
    "Blue - delivered,,,,,",
  ].join("\n");

  it("starts a section at each section row, numbers within it, skips the repeated header and legend, and dates from the text and header", async () => {
    const file = await read("plan.csv", new TextEncoder().encode(csv));
    assert.equal(inferScheme(file.tables, BUILT_IN_SCHEMES, {})?.code, "rag-blue");
    // The line above the header says the date the file speaks for; the service dates undated updates with it.
    const first = mapTables(file.tables, { scheme: RAG_BLUE, planStart: "2021-09-01" });
    assert.ok(first.ok);
    assert.equal(first.details.asOf?.value, "2022-03-15");
    assert.equal(first.undated, 2);
    const result = mapTables(file.tables, { scheme: RAG_BLUE, planStart: "2021-09-01", updateDate: first.details.asOf?.value as string });
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections.map((s) => [s.title, s.actions.map((a) => [a.number, a.updates[0]?.status ?? "", a.updates[0]?.date ?? ""])]),
      [
        [
          "Area of weakness: Quality of EHC plans",
          [
            ["1", "blue", "2022-03-15"],
            ["2", "amber", "2022-03-15"],
          ],
        ],
        ["Significant Weakness 2: Waiting times", [["1", "red", "2022-01-31"]]],
      ],
    );
    assert.equal(result.undated, 0, "the file's date dates the rest: never the day of the import");
    assert.deepEqual(
      result.leftOut.map((l) => [l.row, l.reason]),
      [
        [6, "the header row repeated"],
        [9, "a key to the statuses"],
        [10, "a key to the statuses"],
      ],
    );
    // A blank timescale is not turned into TBC: it stays blank and is said to be missing.
    const backlog = result.sections[1]?.actions[0];
    assert.equal(backlog?.timescale, "");
    assert.match(backlog?.assumptions.join(" ") ?? "", /no timescale/);
  });
});

describe("A workbook with one sheet per area and a key sheet; months in the action text", () => {
  it("makes each sheet an area, reads months from the action text, takes the title and date from the title line", async () => {
    const sheet = (name: string, rows: string[][]): FixtureTable => ({
      name,
      rows: [[{ text: "SEND Accelerated Progress Plan - progress update March 2022", span: 4 }], ...rows.map((r) => cells(...r))],
    });
    const header = ["Ref", "What we will do", "Owner", "Status"];
    const bytes = await writeXlsx([
      sheet("Identification", [
        header,
        ["6a.1", "Refresh the graduated approach by Jan", "SENCO network", "Complete"],
        ["6a.2", "Train schools, Feb onwards", "EP service", "On track"],
      ]),
      sheet("Transitions", [
        header,
        ["R1/A2", "Agree the protocol", "Post-16", "Delayed"],
        ["R1/A3", "Review in Spring term 2022", "Post-16", "not started"],
      ]),
      { name: "Key", rows: [cells("Status", "Meaning"), cells("Complete", "Done in full"), cells("On track", "Will meet the deadline")] },
    ]);
    const file = await read("app.xlsx", bytes);
    const options = { planStart: "2021-09-01", updateDate: "2022-03-31" };
    assert.equal(inferScheme(file.tables, BUILT_IN_SCHEMES, options)?.code, "four-state");
    const result = mapTables(file.tables, { scheme: FOUR_STATE, ...options });
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections.map((s) => [s.title, s.actions.map((a) => [a.externalId, a.timescale, a.due.date, a.updates[0]?.status])]),
      [
        [
          "Identification",
          [
            ["6a.1", "by Jan", "2022-01-31", "completed"],
            ["6a.2", "Feb onwards", "2022-02-28", "on-track"],
          ],
        ],
        [
          "Transitions",
          [
            ["R1/A2", "", null, "limited-progress"],
            ["R1/A3", "Spring term 2022", "2022-03-31", "limited-progress"],
          ],
        ],
      ],
    );
    assert.equal(result.details.title?.value, "SEND Accelerated Progress Plan - progress update March 2022");
    assert.equal(result.details.type?.value, "priority-action-plan");
    assert.equal(result.details.asOf?.value, "2022-03-31");
  });
});

describe("Statuses the scheme does not have, and colours only", () => {
  const table = (status: string, fill?: string): FixtureCell[] => [
    { text: "1" },
    { text: "Do it" },
    { text: "Lead" },
    { text: "Jan 2022" },
    { text: status, ...(fill ? { fill } : {}) },
    { text: "" },
  ];

  it("asks once for each value it cannot map, and a person's choice maps it", async () => {
    const file = await read(
      "odd.xlsx",
      await writeXlsx([
        {
          name: "Plan",
          rows: [
            HEADER,
            table("Sort of"),
            table("sort of").map((c, i) => (i === 0 ? { text: "2" } : c)),
            table("AMBER").map((c, i) => (i === 0 ? { text: "3" } : c)),
          ],
        },
      ]),
    );
    const asked = mapTables(file.tables, { scheme: FOUR_STATE, planStart: "2021-09-01", updateDate: "2022-01-01" });
    assert.ok(asked.ok);
    assert.deepEqual(
      asked.statusValues.map((v) => [v.label, v.count, v.code]),
      [
        ["Sort of", 2, null],
        ["AMBER", 1, null],
      ],
    );
    assert.equal(asked.problems.length, 2, "one question per value, not per row");
    assert.match(asked.problems[0]?.message ?? "", /'Sort of' \(2 rows: 2, 3\) is not a status of .*: choose the status it means/);
    const mapped = mapTables(file.tables, {
      scheme: FOUR_STATE,
      planStart: "2021-09-01",
      updateDate: "2022-01-01",
      mapping: { statuses: { "sort of": "on-track", amber: "limited-progress" } },
    });
    assert.ok(mapped.ok);
    assert.deepEqual(mapped.problems, []);
    assert.deepEqual(
      actions(mapped.sections).map((a) => a.updates[0]?.status),
      ["on-track", "on-track", "limited-progress"],
    );
  });

  it("reads RAG from shading alone, in a Word table and a workbook", async () => {
    const rows = [
      HEADER,
      table("", "FF0000"),
      table("", "FFC000").map((c, i) => (i === 0 ? { text: "2" } : c)),
      table("", "92D050").map((c, i) => (i === 0 ? { text: "3" } : c)),
    ];
    for (const [name, bytes] of [
      ["shaded.docx", await writeDocx([{ name: "Actions", rows }])],
      ["shaded.xlsx", await writeXlsx([{ name: "Actions", rows }])],
    ] as const) {
      const file = await read(name, bytes);
      const scheme = inferScheme(file.tables, BUILT_IN_SCHEMES, { planStart: "2021-09-01", updateDate: "2022-01-01" });
      assert.equal(scheme?.code, "five-level", name);
      const result = mapTables(file.tables, { scheme: FIVE_LEVEL, planStart: "2021-09-01", updateDate: "2022-01-01" });
      assert.ok(result.ok);
      assert.deepEqual(result.problems, [], name);
      assert.deepEqual(
        actions(result.sections).map((a) => a.updates[0]?.status),
        ["red", "amber", "light-green"],
        name,
      );
    }
  });
});

describe("A Word document written with Word's own styles (built with the docx package)", () => {
  it("reads the title from the document's properties, headings styled as headings, shading as RAG and a key table", async () => {
    const { Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow } = await import("docx");
    const cell = (text: string, fill?: string) =>
      new TableCell({ children: [new Paragraph(text)], ...(fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill } } : {}) });
    const row = (texts: string[], fill?: string) => new TableRow({ children: texts.map((t, i) => cell(t, i === 4 ? fill : undefined)) });
    const header = new TableRow({
      tableHeader: true,
      children: ["Ref", "Key actions", "Responsible officer", "Deadline", "BRAG", "Latest update"].map((t) => cell(t)),
    });
    const doc = new Document({
      title: "Anytown SEND Written Statement of Action",
      sections: [
        {
          children: [
            new Paragraph({ text: "Progress report as at 30 June 2021", heading: HeadingLevel.TITLE }),
            new Paragraph({ text: "Area of weakness 1: Waiting times for neurodevelopmental assessment", heading: HeadingLevel.HEADING_1 }),
            new Table({
              rows: [
                header,
                row(["1.1", "Commission extra assessments", "CCG", "Autumn term 2021", "", ""], "FF0000"),
                row(["1.2", "Publish waiting times", "CCG", "July 2021", "", ""], "00B050"),
              ],
            }),
            new Paragraph({ text: "Area of weakness 2: Co-production with parents", heading: HeadingLevel.HEADING_1 }),
            new Table({ rows: [header, row(["1.1", "Set up the parent forum", "Head of SEN", "TBC", "", "Forum met twice"], "0070C0")] }),
            new Paragraph("Key"),
            new Table({ rows: [row(["Blue", "Complete"]), row(["Green", "On track"])] }),
          ],
        },
      ],
    });
    const file = await read("anytown.docx", new Uint8Array(await Packer.toBuffer(doc)));
    assert.equal(file.properties?.title, "Anytown SEND Written Statement of Action");
    const scheme = inferScheme(file.tables, BUILT_IN_SCHEMES, {});
    assert.equal(scheme?.code, "rag-blue");
    const result = mapTables(file.tables, {
      scheme: RAG_BLUE,
      planStart: "2021-01-01",
      updateDate: "2021-06-30",
      ...(file.properties ? { properties: file.properties } : {}),
    });
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections.map((s) => [s.title, s.kind, s.actions.map((a) => [a.number, a.leadRole, a.due.text, a.updates[0]?.status])]),
      [
        [
          "Area of weakness 1: Waiting times for neurodevelopmental assessment",
          "significant-weakness",
          [
            ["1.1", "CCG", "Autumn term 2021", "red"],
            ["1.2", "CCG", "July 2021", "green"],
          ],
        ],
        ["Area of weakness 2: Co-production with parents", "significant-weakness", [["1.1", "Head of SEN", "TBC", "blue"]]],
      ],
    );
    // "TBC" only because the file wrote TBC.
    assert.deepEqual(result.sections[1]?.actions[0]?.due, { precision: "tbc", date: null, text: "TBC" });
    assert.equal(result.details.title?.value, "Progress report as at 30 June 2021");
    assert.equal(result.details.asOf?.value, "2021-06-30");
    assert.equal(result.details.type?.value, "wsoa");
  });
});

describe("A tracker with a column for each month", () => {
  it("makes each dated column an update on its date, ratings from words or shading, the newest last", async () => {
    const rows: FixtureCell[][] = [
      cells("Ref", "Action", "Lead", "Due", "RAG Oct 2019", "RAG Jan 2020", "April 2020"),
      cells("1", "Recruit two caseworkers", "Head of SEN", "Dec 2019", "Red", "amber", "GREEN"),
      [...cells("2", "Audit plans", "QA lead", "March 2020", "", ""), { text: "Half the plans audited", fill: "FFC000" }],
    ];
    const file = await read("tracker.xlsx", await writeXlsx([{ name: "Tracker", rows }]));
    const scheme = inferScheme(file.tables, BUILT_IN_SCHEMES, { planStart: "2019-09-01" });
    assert.equal(scheme?.code, "rag-blue");
    const result = mapTables(file.tables, { scheme: RAG_BLUE, planStart: "2019-09-01" });
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.equal(result.undated, 0, "every update is dated by its column");
    const [recruit, audit] = actions(result.sections);
    assert.deepEqual(recruit?.updates, [
      { date: "2019-10-31", status: "red", commentary: "" },
      { date: "2020-01-31", status: "amber", commentary: "" },
      { date: "2020-04-30", status: "green", commentary: "" },
    ]);
    assert.deepEqual(audit?.updates, [{ date: "2020-04-30", status: "amber", commentary: "Half the plans audited" }]);
  });
});

describe("An unlabelled colour key under the table", () => {
  it("leaves out rows that are only a status word and its meaning, in a workbook and a Word table", async () => {
    const rows: FixtureCell[][] = [
      HEADER,
      cells("1", "Recruit two caseworkers", "Head of SEN", "Dec 2019", "Green", ""),
      [],
      [{ text: "Completed", fill: "0070C0" }, { text: "Fully implemented" }, ...cells("", "", "", "")],
      [{ text: "Red", fill: "FF0000" }, { text: "Not started" }, ...cells("", "", "", "")],
      cells("Light green", "", "", "", "", ""),
    ];
    for (const [name, bytes] of [
      ["key.xlsx", await writeXlsx([{ name: "Plan", rows }])],
      ["key.docx", await writeDocx([{ name: "Plan", rows: rows.filter((r) => r.length > 0) }])],
    ] as const) {
      const file = await read(name, bytes);
      const result = mapTables(file.tables, { scheme: FIVE_LEVEL, planStart: "2019-09-01", updateDate: "2019-12-01" });
      assert.ok(result.ok);
      assert.deepEqual(result.problems, [], name);
      assert.deepEqual(
        actions(result.sections).map((a) => a.text),
        ["Recruit two caseworkers"],
        name,
      );
      assert.deepEqual(
        result.leftOut.map((l) => l.reason),
        ["a key to the statuses", "a key to the statuses", "a key to the statuses"],
        name,
      );
    }
  });
});
