// A whole, accessible HTML document (for download, printing and PDF): real tables with captions
// and header cells, status in words as well as colour, print styles for landscape A4 with the
// header row repeated on every page and the as-at date on every page.
import { type Cell, type ReportDocument, STATUS_FILLS } from "./document.ts";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const lines = (value: string) => escapeHtml(value).replace(/\n/g, "<br>");

function cellHtml(cell: Cell): string {
  const fill = cell.colour ? STATUS_FILLS[cell.colour] : null;
  if (!fill) return `<td>${lines(cell.text)}</td>`;
  return `<td class="status status-${cell.colour}">${lines(cell.text)}</td>`;
}

function styles(footer: string): string {
  const fills = Object.entries(STATUS_FILLS)
    .filter(([, fill]) => fill)
    .map(([colour, fill]) => `td.status-${colour}{background:#${fill?.fill};color:#${fill?.text}}`)
    .join("");
  // No ligatures: where Arial is missing (DejaVu Sans on Debian), "ff" became one glyph and a PDF's
  // text (search, copy, screen readers) read "Oﬀ track".
  return `
body{font-family:Arial,sans-serif;font-variant-ligatures:none;color:#0b0c0c;margin:1.5rem;font-size:16px;line-height:1.35}
h1{font-size:1.75rem;margin:0 0 .25rem}h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;margin:0 0 1rem}caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #505a5f;padding:.3rem .4rem;text-align:left;vertical-align:top}
thead th{background:#f3f2f1}td.status{font-weight:bold}${fills}
.as-at{font-weight:bold}figure.chart{margin:0 0 1rem;max-width:32rem;break-inside:avoid}figure.chart figcaption{font-weight:bold}.chart-figures{font-size:.85rem}footer{margin-top:2rem;font-size:.85rem;color:#505a5f}
@page{size:A4 landscape;margin:12mm;@bottom-center{content:"${footer.replace(/[<>]/g, "").replace(/["\\]/g, "\\$&")} Page " counter(page) " of " counter(pages)}}
@media print{body{margin:0;font-size:10pt}thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}td.status{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
}

/** The report as HTML body content (tables and headings), for a page of the service or a whole document. */
export function reportBodyHtml(document: ReportDocument): string {
  const parts: string[] = [];
  for (const block of document.blocks) {
    if (block.type === "heading") parts.push(`<h2>${escapeHtml(block.text)}</h2>`);
    else if (block.type === "paragraph") parts.push(`<p>${lines(block.text)}</p>`);
    // The SVG is drawn by Vega-Lite (trusted, escaped text inside) with its own title and description.
    else if (block.type === "chart")
      parts.push(
        `<figure class="chart"><figcaption>${escapeHtml(block.title)}</figcaption>${block.svg}<p class="chart-figures">${escapeHtml(block.alt)}</p></figure>`,
      );
    else {
      const t = block.table;
      parts.push(
        `<table><caption>${escapeHtml(t.title)}</caption><thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join("")}</tr></thead><tbody>${t.rows
          .map((row) => `<tr>${row.map(cellHtml).join("")}</tr>`)
          .join("")}</tbody></table>`,
      );
    }
  }
  return parts.join("\n");
}

export function renderHtml(document: ReportDocument): Buffer {
  const footer = `${document.title}. ${document.asAtLine}.`;
  const css = styles(footer);
  return Buffer.from(
    `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<style>${css}</style>
</head>
<body>
<main>
<h1>${escapeHtml(document.title)}</h1>
<p class="as-at">${escapeHtml(document.asAtLine)}</p>
${reportBodyHtml(document)}
</main>
<footer>${escapeHtml(footer)}</footer>
</body>
</html>
`,
    "utf8",
  );
}
