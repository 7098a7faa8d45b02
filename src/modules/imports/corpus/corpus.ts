// The import corpus (issue 11): the layouts councils' plans really come in, each written as a real
// .docx, .xlsx or .csv file with what a correct import must give kept beside it (sections,
// actions, numbers, statuses, due dates with their precision, rows left out). The test
// (corpus.db.test.ts) imports each through the service's check and compares; the script
// (make-corpus.ts) writes the files and their expected results to a folder to open and look at.
//
// Sources. Two layouts are the councils' own, from the transcriptions already in the repository:
// Southend's LGA peer review progress sheet (People Scrutiny Committee, 15 March 2022, Appendix 1:
// src/modules/plans/demo/southend-peer-review-2022.ts) and Thurrock's Written Statement of Action
// (Children's Overview and Scrutiny Committee, 25 July 2019: thurrock-wsoa-2019.ts). Their
// expected results come from those transcriptions, not from the reader. The short rows below
// marked "Thurrock WSOA, 2019" are copied from that paper's action tables and RAG key. The other
// layouts follow the shapes published councils' plans use (accelerated progress plans, SharePoint
// list exports, trackers with a sheet per area); their rows are written for the corpus and their
// expected results are spelled out by hand.

import {
  FIVE_LEVEL_FILLS,
  type FixtureCell,
  type FixtureTable,
  SOUTHEND_SHEET_DATE,
  southendTables,
  THURROCK_WSOA_DATE,
  thurrockTables,
  updateOn,
  writeDocx,
  writeXlsx,
} from "../../../../scripts/fixtures/make-import-fixtures.ts";
import type { IsoDate } from "../../../domain/dates.ts";
import { FIVE_LEVEL, FOUR_STATE } from "../../../domain/plans/schemes.ts";
import { parseTimescale } from "../../../domain/plans/timescales.ts";
import type { PlanSeed, PlanType, SectionSeed, StatusScheme } from "../../../domain/plans/types.ts";
import { southendPeerReview } from "../../plans/demo/southend-peer-review-2022.ts";
import { thurrockWsoa } from "../../plans/demo/thurrock-wsoa-2019.ts";

/** One section as the check shows it: its number, title, depth, and one line per action. */
export interface ExpectedSection {
  number: string;
  title: string;
  depth: number;
  /** `number | status on its date | due`, the due as `precision date "as written"`: `1.1 | Red on 2019-10-31 | month 2019-09-30 "Sept 2019"`. */
  actions: string[];
}

export interface Expected {
  scheme: string;
  /** The date the file speaks for, as the check finds it (or as entered when the file does not say). */
  asOf?: IsoDate;
  title?: string;
  type?: PlanType;
  /** How many rows are left out (keys, legends, notes, repeated headers). */
  leftOut: number;
  sections: ExpectedSection[];
}

export interface CorpusEntry {
  /** The file's name, which says its format. */
  file: string;
  layout: string;
  source: string;
  make: () => Promise<Buffer>;
  /** What a person enters on the check page because the file does not say it. */
  request?: { asOf?: IsoDate; approvedOn?: IsoDate; title?: string };
  expected: Expected;
}

const cells = (...texts: string[]): FixtureCell[] => texts.map((text) => ({ text }));

/** The line a check gives for one action. */
export function actionLine(a: {
  number: string;
  status: string;
  updateDate?: string;
  due: { precision: string; date: string | null; text: string };
}): string {
  return `${a.number} | ${a.status}${a.updateDate ? ` on ${a.updateDate}` : ""} | ${a.due.precision} ${a.due.date ?? "-"} "${a.due.text}"`;
}

/** A CSV as Excel and SharePoint write it: quoted where needed, CRLF line ends, a byte-order mark. */
export function writeCsv(rows: string[][]): Buffer {
  const quote = (t: string) => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(quote).join(",")).join("\r\n")}\r\n`, "utf8");
}

// ---- Expected results from the transcribed plans ----------------------------------------------

function label(scheme: StatusScheme, code: string | undefined): string {
  return scheme.statuses.find((s) => s.code === code)?.label ?? "Not yet rated";
}

/**
 * The sections and actions a file written from `plan` must give: numbers and titles as the plan
 * has them, the status in force on `date`, the due date from the plan's timescale read from
 * `planStart`. `sectionTitle` says how the file writes a section's title.
 */
function expectedFromPlan(
  plan: PlanSeed,
  scheme: StatusScheme,
  date: IsoDate,
  planStart: IsoDate,
  options: { flat?: boolean } = {},
): ExpectedSection[] {
  const out: ExpectedSection[] = [];
  const walk = (sections: SectionSeed[], depth: number) => {
    for (const s of sections) {
      out.push({
        number: s.number,
        title: s.title,
        depth: options.flat ? 0 : depth,
        actions: s.actions.map((a) => {
          const parsed = parseTimescale(a.timescale, { planStart });
          const due = parsed.ok ? parsed.due : { precision: "tbc", date: null, text: a.timescale };
          const code = updateOn(a, date)?.status;
          // Every status on the sheet is dated by the date the file speaks for.
          return actionLine({ number: a.number, status: label(scheme, code), ...(code ? { updateDate: date } : {}), due });
        }),
      });
      walk(s.sections ?? [], depth + 1);
    }
  };
  walk(plan.sections, 0);
  return out;
}

// ---- Layouts -------------------------------------------------------------------------------------

const WSOA_HEADER = cells("No", "Actions", "Success measures", "Lead", "Timescale", "RAG", "Progress update");

/** Thurrock's five RAG words as its key writes them, in capitals (seed 002's RAG RATING KEY). */
const RAG_WORDS: Record<string, string> = {
  red: "RED",
  amber: "AMBER",
  "light-green": "LIGHT GREEN",
  green: "GREEN",
  completed: "COMPLETED",
};

/** 1. One table per weakness under its heading, each numbering from 1.1, statuses in capitals. */
function tablesUnderHeadings(): FixtureTable[] {
  return thurrockWsoa.sections.map((weakness) => {
    const rows: FixtureCell[][] = [WSOA_HEADER];
    let n = 0;
    for (const area of weakness.sections ?? [])
      for (const action of area.actions) {
        n += 1;
        const status = updateOn(action, THURROCK_WSOA_DATE)?.status;
        rows.push(
          cells(
            `1.${n}`,
            action.text,
            action.successMeasures ?? "",
            action.leadRole ?? "",
            action.timescale,
            status ? (RAG_WORDS[status] ?? "") : "",
            "",
          ),
        );
      }
    return {
      name: `Weakness ${weakness.number}`,
      before: [weakness.title, ...(weakness.aim ? [`Aim: ${weakness.aim}`] : [])],
      rows,
    };
  });
}

function expectedUnderHeadings(): ExpectedSection[] {
  return thurrockWsoa.sections.map((weakness) => {
    let n = 0;
    return {
      number: weakness.number,
      title: weakness.title,
      depth: 0,
      actions: (weakness.sections ?? []).flatMap((area) =>
        area.actions.map((action) => {
          n += 1;
          const parsed = parseTimescale(action.timescale, { planStart: thurrockWsoa.approvedOn });
          const due = parsed.ok ? parsed.due : { precision: "tbc", date: null, text: action.timescale };
          const code = updateOn(action, THURROCK_WSOA_DATE)?.status;
          // Dated by the title line's "progress update October 2019".
          return actionLine({ number: `1.${n}`, status: label(FIVE_LEVEL, code), ...(code ? { updateDate: "2019-10-31" } : {}), due });
        }),
      ),
    };
  });
}

export const CORPUS: CorpusEntry[] = [
  {
    file: "01-wsoa-table-per-weakness.docx",
    layout: "one table per weakness under its heading, each numbering its rows from 1.1, RAG words in capitals",
    source: "Thurrock WSOA, July 2019 (seed 002), as transcribed in thurrock-wsoa-2019.ts",
    make: () =>
      writeDocx(
        tablesUnderHeadings(),
        "Thurrock Council SEND Written Statement of Action - approved by Ofsted on 25 July 2019 - progress update October 2019",
      ),
    expected: {
      scheme: "five-level",
      asOf: "2019-10-31",
      type: "wsoa",
      leftOut: 0,
      sections: expectedUnderHeadings(),
    },
  },
  {
    file: "02-wsoa-one-big-table.xlsx",
    layout: "one big table: a row merged across for each weakness, the improvement area merged down, RAG as shading",
    source: "Thurrock WSOA, July 2019 (seed 002), as transcribed in thurrock-wsoa-2019.ts",
    make: () => {
      const [first, ...rest] = thurrockTables();
      const rows = [...(first?.rows ?? []), ...rest.flatMap((t) => t.rows.filter((r) => r[0]?.text !== "Improvement Area"))];
      return writeXlsx([{ name: "WSOA", rows }]);
    },
    // A spreadsheet with no title line: the person enters the title and dates on the check page.
    request: { asOf: THURROCK_WSOA_DATE, approvedOn: thurrockWsoa.approvedOn, title: thurrockWsoa.title },
    expected: {
      scheme: "five-level",
      asOf: THURROCK_WSOA_DATE,
      leftOut: 0,
      sections: expectedFromPlan(thurrockWsoa, FIVE_LEVEL, THURROCK_WSOA_DATE, thurrockWsoa.approvedOn),
    },
  },
  {
    file: "03-accelerated-progress-plan.docx",
    layout: "an accelerated progress plan: priorities as headings, Ref / Action / Lead / By when / BRAG / Progress",
    source: "written for the corpus in the shape of DfE accelerated progress plans",
    make: () =>
      writeDocx(
        [
          {
            name: "Priority 1",
            before: [
              "Accelerated Progress Plan (APP)",
              "Progress update as at 30 September 2023",
              "Priority 1 - Timeliness of EHC needs assessments",
            ],
            rows: [
              cells("Ref", "Action", "Lead", "By when", "BRAG", "Progress"),
              cells("P1.1", "Recruit two additional EHC coordinators", "Head of SEN", "31/10/2023", "G", "Both posts advertised"),
              cells("P1.2", "Clear the backlog of assessments over 20 weeks", "Head of SEN", "Q4 2023/24", "A", ""),
              cells("P1.3", "Report weekly timeliness to the SEND board", "Performance lead", "Ongoing", "B", "Weekly report in place since July"),
            ],
          },
          {
            name: "Priority 2",
            before: ["Priority 2 - Joint commissioning of therapies"],
            rows: [
              cells("Ref", "Action", "Lead", "By when", "BRAG", "Progress"),
              cells(
                "P2.1",
                "Agree a joint therapies specification with the ICB",
                "Joint commissioner",
                "Spring term 2024",
                "R",
                "Delayed by ICB restructure",
              ),
              cells("P2.2", "Publish the specification on the local offer", "Joint commissioner", "by end of March", "G", ""),
            ],
          },
        ],
        "Accelerated Progress Plan",
      ),
    expected: {
      scheme: "rag-blue",
      asOf: "2023-09-30",
      type: "priority-action-plan",
      leftOut: 0,
      sections: [
        {
          number: "1",
          title: "Priority 1 - Timeliness of EHC needs assessments",
          depth: 0,
          actions: [
            'P1.1 | Green on 2023-09-30 | day 2023-10-31 "31/10/2023"',
            'P1.2 | Amber on 2023-09-30 | quarter 2024-03-31 "Q4 2023/24"',
            'P1.3 | Blue on 2023-09-30 | tbc - "Ongoing"',
          ],
        },
        {
          number: "2",
          title: "Priority 2 - Joint commissioning of therapies",
          depth: 0,
          actions: [
            'P2.1 | Red on 2023-09-30 | term 2024-03-31 "Spring term 2024"',
            'P2.2 | Green on 2023-09-30 | month 2024-03-31 "by end of March"',
          ],
        },
      ],
    },
  },
  {
    file: "04-peer-review-progress-sheet.xlsx",
    layout: "the peer review progress sheet: number and recommendation merged down, status as the commentary cell's colour",
    source: "Southend LGA peer review progress sheet, March 2022 (seed 000), as transcribed in southend-peer-review-2022.ts",
    make: () => writeXlsx(southendTables()),
    request: { asOf: SOUTHEND_SHEET_DATE, approvedOn: southendPeerReview.approvedOn },
    expected: {
      scheme: "four-state",
      asOf: SOUTHEND_SHEET_DATE,
      leftOut: 0,
      // The sheet is flat: 6a, which the transcription nests under 6, is a row like the others.
      sections: expectedFromPlan(southendPeerReview, FOUR_STATE, SOUTHEND_SHEET_DATE, southendPeerReview.approvedOn, { flat: true }),
    },
  },
  {
    file: "05-wsoa-table-split-across-pages.docx",
    layout: "a table split across pages: weakness 2's table breaks into a second table, header repeated, the improvement area left blank",
    source: "Thurrock WSOA, July 2019 (seed 002), as transcribed in thurrock-wsoa-2019.ts",
    make: () => writeDocx(thurrockTables(thurrockWsoa, { splitAcrossPages: true }), thurrockWsoa.title),
    request: { asOf: THURROCK_WSOA_DATE, approvedOn: thurrockWsoa.approvedOn },
    expected: {
      scheme: "five-level",
      asOf: THURROCK_WSOA_DATE,
      leftOut: 0,
      sections: expectedFromPlan(thurrockWsoa, FIVE_LEVEL, THURROCK_WSOA_DATE, thurrockWsoa.approvedOn),
    },
  },
  {
    file: "06-rag-by-shading-only.xlsx",
    layout: "RAG by shading only: the RAG cells are empty and coloured, a title line gives the date",
    source: "written for the corpus; the colours are the five-level RAG of Thurrock's key (seed 002)",
    make: () =>
      writeXlsx([
        {
          name: "Plan",
          rows: [
            [{ text: "SEND Improvement Plan - position at 31 January 2024", span: 6 }],
            cells("Ref", "Action", "Lead", "Deadline", "RAG", "Update"),
            [
              ...cells("1", "Review the SEN support offer with SENCOs", "Head of Inclusion", "March 2024"),
              { text: "", fill: FIVE_LEVEL_FILLS.red },
              { text: "Not started" },
            ],
            [
              ...cells("2", "Publish the SEN support guidance", "Head of Inclusion", "Summer term 2024"),
              { text: "", fill: FIVE_LEVEL_FILLS.amber },
              { text: "" },
            ],
            [
              ...cells("3", "Train all SENCOs on the guidance", "Inclusion team", "30/04/2024"),
              { text: "", fill: FIVE_LEVEL_FILLS["light-green"] },
              { text: "" },
            ],
            [
              ...cells("4", "Audit a sample of SEN support plans", "Quality lead", "Dec 2023"),
              { text: "", fill: FIVE_LEVEL_FILLS.green },
              { text: "" },
            ],
            [
              ...cells("5", "Agree the audit tool with schools", "Quality lead", "Jan 2024"),
              { text: "", fill: FIVE_LEVEL_FILLS.completed },
              { text: "" },
            ],
          ],
        },
      ]),
    request: { approvedOn: "2023-09-01" },
    expected: {
      scheme: "five-level",
      asOf: "2024-01-31",
      title: "SEND Improvement Plan - position at 31 January 2024",
      leftOut: 0,
      sections: [
        {
          number: "1",
          // A single table with no sections: its actions go in one section, "Actions".
          title: "Actions",
          depth: 0,
          actions: [
            '1 | Red on 2024-01-31 | month 2024-03-31 "March 2024"',
            '2 | Amber on 2024-01-31 | term 2024-08-31 "Summer term 2024"',
            '3 | Light green on 2024-01-31 | day 2024-04-30 "30/04/2024"',
            '4 | Green on 2024-01-31 | month 2023-12-31 "Dec 2023"',
            '5 | Completed on 2024-01-31 | month 2024-01-31 "Jan 2024"',
          ],
        },
      ],
    },
  },
  {
    file: "07-merged-cells-progress-sheet.docx",
    layout: "merged cells in Word: number and recommendation merged down over their actions (w:vMerge), title merged across",
    source: "Southend LGA peer review progress sheet, March 2022 (seed 000), as transcribed in southend-peer-review-2022.ts",
    make: () => writeDocx(southendTables(), southendPeerReview.title),
    request: { asOf: SOUTHEND_SHEET_DATE, approvedOn: southendPeerReview.approvedOn },
    expected: {
      scheme: "four-state",
      asOf: SOUTHEND_SHEET_DATE,
      leftOut: 0,
      sections: expectedFromPlan(southendPeerReview, FOUR_STATE, SOUTHEND_SHEET_DATE, southendPeerReview.approvedOn, { flat: true }),
    },
  },
  {
    file: "08-workbook-sheet-per-area.xlsx",
    layout: "a workbook with a key sheet and one sheet per area",
    source: "written for the corpus in the shape of councils' SEND strategy trackers",
    make: () =>
      writeXlsx([
        {
          name: "Key",
          rows: [
            cells("Status", "Meaning"),
            cells("Complete", "Delivered in full"),
            cells("On track", "Will meet its deadline"),
            cells("Delayed", "Will miss its deadline"),
          ],
        },
        {
          name: "Identification",
          rows: [
            cells("No", "Action", "Owner", "Due date", "Status", "Latest update"),
            cells("1", "Introduce a single request form for EHC needs assessments", "SEN manager", "Sept 2022", "Complete", "In use since September"),
            cells("2", "Publish the graduated response toolkit", "Inclusion lead", "Autumn 2022", "On track", ""),
          ],
        },
        {
          name: "Preparing for adulthood",
          rows: [
            cells("No", "Action", "Owner", "Due date", "Status", "Latest update"),
            cells("1", "Map the post-16 offer with colleges", "Post-16 lead", "Q3 2022/23", "Delayed", "College data late"),
            cells("2", "Hold a transitions fair for year 9 pupils", "Post-16 lead", "TBC", "On track", ""),
          ],
        },
      ]),
    request: { asOf: "2022-10-14", approvedOn: "2022-04-01", title: "SEND Strategy tracker" },
    expected: {
      scheme: "four-state",
      asOf: "2022-10-14",
      leftOut: 0,
      sections: [
        {
          number: "1",
          title: "Identification",
          depth: 0,
          actions: [
            '1 | Completed / implemented in full on 2022-10-14 | month 2022-09-30 "Sept 2022"',
            '2 | On track to meet the deadline on 2022-10-14 | season 2022-11-30 "Autumn 2022"',
          ],
        },
        {
          number: "2",
          title: "Preparing for adulthood",
          depth: 0,
          actions: [
            '1 | Limited progress / delayed on 2022-10-14 | quarter 2022-12-31 "Q3 2022/23"',
            '2 | On track to meet the deadline on 2022-10-14 | tbc - "TBC"',
          ],
        },
      ],
    },
  },
  {
    file: "09-sharepoint-export.csv",
    layout: "a SharePoint list exported to CSV: ID, Title, Workstream, Assigned To, Due Date, Status, Progress, Modified (a date and time)",
    source: "written for the corpus in the column names SharePoint lists export",
    make: async () =>
      writeCsv([
        ["ID", "Title", "Workstream", "Assigned To", "Due Date", "Status", "Progress", "Modified"],
        ["1", "Agree the SEND sufficiency strategy", "Sufficiency", "Jo Smith", "31/03/2024", "Green", "Draft with the board", "12/02/2024 09:14"],
        ["2", "Open the new resourced provision ", "Sufficiency", "Jo Smith", "01/09/2024", "Amber", "Building works late", "12/02/2024 09:20"],
        ["3", "Review the EHC plan template with families", "Co-production", "Sam Patel", "", "Blue", "New template in use", "05/02/2024 16:02"],
        ["4", "Run the parent carer survey", "Co-production", "Sam Patel", "30/06/2024", "Red", "", "01/02/2024 11:45"],
      ]),
    request: { approvedOn: "2023-10-01", title: "SEND improvement actions" },
    expected: {
      scheme: "rag-blue",
      leftOut: 0,
      sections: [
        {
          number: "1",
          title: "Sufficiency",
          depth: 0,
          actions: ['1 | Green on 2024-02-12 | day 2024-03-31 "31/03/2024"', '2 | Amber on 2024-02-12 | day 2024-09-01 "01/09/2024"'],
        },
        {
          number: "2",
          title: "Co-production",
          depth: 0,
          actions: ['3 | Blue on 2024-02-05 | tbc - ""', '4 | Red on 2024-02-01 | day 2024-06-30 "30/06/2024"'],
        },
      ],
    },
  },
  {
    file: "10-numbers-like-6a1.xlsx",
    layout: "the file's own numbers kept as written: 6, 6a.1, R1/A2",
    source: "written for the corpus; '6a' is Southend's extra recommendation (seed 000)",
    make: () =>
      writeXlsx([
        {
          name: "Actions",
          rows: [
            cells("Section no", "Recommendation", "No", "Action", "Timescale", "Status"),
            cells(
              "6",
              "Clear system wide understanding of the graduated response",
              "6.1",
              "Parent step by step guide for the universal offer",
              "April 2022",
              "On track",
            ),
            cells("6a", "Reduce the number of refusals to assess", "6a.1", "Review the data and map the panel process", "March 2022", "Completed"),
            cells(
              "6a",
              "Reduce the number of refusals to assess",
              "6a.2",
              "Produce clear guidelines for pre-panel evidence",
              "April 2022",
              "Dates to be finalised",
            ),
            cells("R1", "Portfolio holder sample casework", "R1/A1", "PFH orientation in the system", "Jan 2022", "Completed"),
            cells("R1", "Portfolio holder sample casework", "R1/A2", "PFH samples files every quarter", "Feb 2022 onwards", "Limited progress"),
          ],
        },
      ]),
    request: { asOf: "2022-03-07", approvedOn: "2022-01-13", title: "Peer review actions" },
    expected: {
      scheme: "four-state",
      asOf: "2022-03-07",
      leftOut: 0,
      sections: [
        {
          number: "6",
          title: "Clear system wide understanding of the graduated response",
          depth: 0,
          actions: ['6.1 | On track to meet the deadline on 2022-03-07 | month 2022-04-30 "April 2022"'],
        },
        {
          number: "6a",
          title: "Reduce the number of refusals to assess",
          depth: 0,
          actions: [
            '6a.1 | Completed / implemented in full on 2022-03-07 | month 2022-03-31 "March 2022"',
            '6a.2 | Dates to be finalised on 2022-03-07 | month 2022-04-30 "April 2022"',
          ],
        },
        {
          number: "R1",
          title: "Portfolio holder sample casework",
          depth: 0,
          actions: [
            'R1/A1 | Completed / implemented in full on 2022-03-07 | month 2022-01-31 "Jan 2022"',
            'R1/A2 | Limited progress / delayed on 2022-03-07 | month 2022-02-28 "Feb 2022 onwards"',
          ],
        },
      ],
    },
  },
  {
    file: "11-key-rows-under-the-table.docx",
    layout: "a RAG key under the table: a 'RAG RATING KEY' row and one row per colour with its meaning",
    source: "Thurrock WSOA, July 2019 (seed 002): record keeping actions 7 to 9 and the RAG RATING KEY, copied from the paper",
    make: () =>
      writeDocx(
        [
          {
            name: "Weakness 1",
            before: [
              "Significant weakness 1: Inaccurate and incomplete records, and ineffective oversight mean that leaders did not know the whereabouts of some children and young people and what provision they have.",
            ],
            rows: [
              cells("Improvement Area", "Actions", "Success Measure(s)", "Lead", "Governance Forum", "Timescale", "RAG", "Progress Update"),
              cells(
                "Record keeping: 7. Carry out data quality assurance to ensure SEND data is accurate",
                "Review all data currently held on the system to ensure it is accurate.",
                "Reports in place and used to inform targets",
                "Strategic Lead Business Intelligence",
                "SEND Development Board",
                "September 2019",
                "AMBER",
                "",
              ),
              cells(
                "Record keeping: 8. Progress the Synergy Health Check work",
                "Progress the actions identified for improvement as part of the health check in light of the above action - to provide an integrated data system.",
                "Notes of meeting and updated Synergy documents",
                "Strategic Lead, Business Intelligence",
                "SEND Development Board",
                "Oct 2019",
                "LIGHT GREEN",
                "Plan is being developed to support this work",
              ),
              cells(
                "Record keeping: 9. Research the introduction of on line EHCP system and ensure that it is fit for purpose",
                "Deliver Multi Agency training to support its use",
                "Multi-agency events delivered summer term",
                "Strategic Lead, Business Intelligence",
                "Operational SEND Group",
                "Nov 2019",
                "RED",
                "",
              ),
              [{ text: "RAG RATING KEY", span: 8 }],
              [{ text: "RED" }, { text: "The action has not yet started or there is significant delay in implementation.", span: 7 }],
              [{ text: "AMBER" }, { text: "The action has started but there is some delay in implementation.", span: 7 }],
              [{ text: "LIGHT GREEN" }, { text: "The action is on track to be completed by the agreed date.", span: 7 }],
              [
                { text: "GREEN" },
                { text: "The action has been completed and there is evidence that the improvement has been embedded and sustained.", span: 7 },
              ],
            ],
          },
        ],
        "Written Statement of Action",
      ),
    request: { asOf: THURROCK_WSOA_DATE, approvedOn: thurrockWsoa.approvedOn },
    expected: {
      scheme: "five-level",
      asOf: THURROCK_WSOA_DATE,
      leftOut: 5,
      sections: [
        {
          number: "1",
          title:
            "Significant weakness 1: Inaccurate and incomplete records, and ineffective oversight mean that leaders did not know the whereabouts of some children and young people and what provision they have.",
          depth: 0,
          actions: [],
        },
        {
          number: "7",
          title: "Record keeping: Carry out data quality assurance to ensure SEND data is accurate",
          depth: 1,
          actions: ['7.1 | Amber on 2019-07-25 | month 2019-09-30 "September 2019"'],
        },
        {
          number: "8",
          title: "Record keeping: Progress the Synergy Health Check work",
          depth: 1,
          actions: ['8.1 | Light green on 2019-07-25 | month 2019-10-31 "Oct 2019"'],
        },
        {
          number: "9",
          title: "Record keeping: Research the introduction of on line EHCP system and ensure that it is fit for purpose",
          depth: 1,
          actions: ['9.1 | Red on 2019-07-25 | month 2019-11-30 "Nov 2019"'],
        },
      ],
    },
  },
  {
    file: "12-months-in-the-action-text.xlsx",
    layout: "no timescale column: the months are written at the end of the action text, as Southend's summary actions write them",
    source: "Southend LGA peer review progress sheet, March 2022 (seed 000): recommendations 1 and 2, copied from the paper",
    make: () =>
      writeXlsx([
        {
          name: "Progress sheet",
          rows: [
            cells("No", "Recommendation (short)", "Summary actions", "Current commentary as at 7 March 2022", "Status"),
            cells(
              "1",
              "Portfolio Holder (PFH) sample casework",
              "2. Establish access to files/samples Jan",
              "Initial sample files share with PFH (17/2)",
              "Completed",
            ),
            cells(
              "1",
              "Portfolio Holder (PFH) sample casework",
              "4. PFH samples files on quarterly basis Feb onwards",
              "Subsequent report scheduled, next 20/7",
              "On track",
            ),
            cells(
              "2",
              "Training for scrutiny and challenge of SEND",
              "3. Training delivery confirmed March",
              "Dates confirmed for L1&L2",
              "On track",
            ),
            cells(
              "2",
              "Training for scrutiny and challenge of SEND",
              "4. Regular programme of training established on a rolling programme",
              "To be confirmed via democratic services",
              "Dates to be finalised",
            ),
          ],
        },
      ]),
    request: { approvedOn: southendPeerReview.approvedOn, title: "SEND Peer Review Recommendations, Progress Sheet" },
    // The commentary's header dates the updates ("as at 7 March 2022"), so no date is asked for.
    expected: {
      scheme: "four-state",
      leftOut: 0,
      sections: [
        {
          number: "1",
          title: "Portfolio Holder (PFH) sample casework",
          depth: 0,
          actions: [
            '1.2 | Completed / implemented in full on 2022-03-07 | month 2022-01-31 "Jan"',
            '1.4 | On track to meet the deadline on 2022-03-07 | month 2022-02-28 "Feb onwards"',
          ],
        },
        {
          number: "2",
          title: "Training for scrutiny and challenge of SEND",
          depth: 0,
          actions: [
            '2.3 | On track to meet the deadline on 2022-03-07 | month 2022-03-31 "March"',
            '2.4 | Dates to be finalised on 2022-03-07 | tbc - ""',
          ],
        },
      ],
    },
  },
];
