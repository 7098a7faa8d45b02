// Word (.docx) for agenda packs (SPEC A9): landscape A4, real tables whose header row repeats on
// every page, status cells shaded with the status colour AND holding the status in words, the key,
// and the as-at date in every page's footer.
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { chartPng } from "../../measures/measures.chart.ts";
import { type Cell, type ChartBlock, type ReportDocument, type Table as ReportTable, STATUS_FILLS } from "./document.ts";

// A4 in twentieths of a point; docx swaps width and height for landscape.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 720;
const TABLE_WIDTH = A4.height - 2 * MARGIN;
const FONT = "Arial";

function paragraphs(value: string, options: { bold?: boolean; color?: string } = {}): Paragraph[] {
  return value.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, font: FONT, size: 18, ...options })] }));
}

function cell(value: Cell, width: number, isHeader: boolean): TableCell {
  const fill = value.colour ? STATUS_FILLS[value.colour] : null;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(fill
      ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: fill.fill } }
      : isHeader
        ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "E8E8E8" } }
        : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: paragraphs(value.text || " ", { bold: isHeader || !!fill, ...(fill ? { color: fill.text } : {}) }),
  });
}

function table(spec: ReportTable): Table {
  const totalWeight = spec.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = spec.columns.map((c) => Math.floor((TABLE_WIDTH * c.width) / totalWeight));
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: spec.columns.map((c, i) => cell({ text: c.header }, widths[i] as number, true)),
      }),
      ...spec.rows.map((row) => new TableRow({ children: row.map((value, i) => cell(value, widths[i] as number, false)) })),
    ],
  });
}

/** A chart as a picture (PNG by resvg) with its alt text, then its figures in words for those who cannot see it. */
function chart(block: ChartBlock): Paragraph[] {
  // The small chart is 280 by 90 in Vega's units plus its axes and legend: about 2.2 to 1.
  const png = chartPng(block.svg, 900);
  const width = 480;
  const height = Math.round(width / (pngWidth(png) / pngHeight(png)));
  return [
    new Paragraph({ children: [new TextRun({ text: block.title, font: FONT, bold: true, size: 18 })] }),
    new Paragraph({
      children: [
        new ImageRun({
          type: "png",
          data: png,
          transformation: { width, height },
          altText: { name: block.title, title: block.title, description: block.alt },
        }),
      ],
    }),
    ...paragraphs(block.alt),
  ];
}

// A PNG's size is in its IHDR chunk: width at byte 16, height at byte 20.
const pngWidth = (png: Buffer) => png.readUInt32BE(16);
const pngHeight = (png: Buffer) => png.readUInt32BE(20);

export async function renderDocx(document: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: document.title, font: FONT })] }),
    new Paragraph({ children: [new TextRun({ text: document.asAtLine, font: FONT, bold: true })] }),
  ];
  for (const block of document.blocks) {
    if (block.type === "heading") {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun({ text: block.text, font: FONT })] }),
      );
    } else if (block.type === "paragraph") {
      children.push(...paragraphs(block.text));
    } else if (block.type === "chart") {
      children.push(...chart(block));
    } else {
      children.push(table(block.table), new Paragraph({ children: [] }));
    }
  }
  const doc = new Document({
    creator: "SEND Oversight",
    title: document.title,
    description: document.asAtLine,
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${document.title}. ${document.asAtLine}. Page `, font: FONT, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 16 }),
                  new TextRun({ text: " of ", font: FONT, size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
