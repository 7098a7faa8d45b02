// Reads a PDF's text back, for tests (no PDF library or poppler here): the streams are inflated
// with zlib and each font's ToUnicode map turns the glyph codes back into words, so a test checks
// what a reader of the PDF would see. Enough for the PDFs Chromium (Skia) writes.
import zlib from "node:zlib";

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function pdfObjects(pdf: Buffer): Map<string, PdfObject> {
  const text = pdf.toString("latin1");
  const objects = new Map<string, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf("endobj", start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0 || !/^<</.test(body)) {
      objects.set(match[1] as string, { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const dataStart = start + streamAt + (body.slice(streamAt).match(/^stream\r?\n/)?.[0].length ?? 0);
    const length = Number(dict.match(/\/Length (\d+)/)?.[1]);
    let stream = pdf.subarray(dataStart, dataStart + length);
    if (/\/Filter \/FlateDecode/.test(dict)) stream = zlib.inflateSync(stream);
    objects.set(match[1] as string, { dict, stream });
  }
  return objects;
}

const hexToCodes = (hex: string, width: number) => (hex.match(new RegExp(`[0-9A-Fa-f]{${width}}`, "g")) ?? []).map((h) => Number.parseInt(h, 16));
const utf16 = (hex: string) => String.fromCharCode(...hexToCodes(hex, 4));

/** A font's ToUnicode CMap (bfchar and bfrange entries) as code -> text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of (block[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(Number.parseInt(src as string, 16), utf16(dst as string));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst, list] of (block[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g)) {
      const from = Number.parseInt(lo as string, 16);
      const to = Number.parseInt(hi as string, 16);
      const items = list ? [...list.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => utf16(m[1] as string)) : [];
      for (let code = from; code <= to; code++) {
        if (list) map.set(code, items[code - from] ?? "");
        else {
          const base = utf16(dst as string);
          map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - from));
        }
      }
    }
  }
  return map;
}

/** The text of every page, in drawing order, with a space at each new text object or line (not at each glyph Skia places). */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const fonts = new Map<string, { width: number; map: Map<number, string> }>();
  for (const [id, object] of objects) {
    const ref = object.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    const cmap = ref ? objects.get(ref)?.stream?.toString("latin1") : undefined;
    if (cmap) fonts.set(id, { width: /\/Subtype \/Type0/.test(object.dict) ? 4 : 2, map: toUnicode(cmap) });
  }
  const pages: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type \/Page\b/.test(object.dict)) continue;
    const names = new Map(
      [...(object.dict.match(/\/Font <<([^>]*)>>/)?.[1] ?? "").matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    const contents = [
      ...(
        object.dict
          .match(/\/Contents (?:\[([^\]]*)\]|(\d+ 0 R))/)
          ?.slice(1)
          .join(" ") ?? ""
      ).matchAll(/(\d+) 0 R/g),
    ];
    let out = "";
    for (const [, ref] of contents) {
      const ops = objects.get(ref as string)?.stream?.toString("latin1") ?? "";
      let font: { width: number; map: Map<number, string> } | undefined;
      for (const token of ops.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj)|\b(Tm|T\*|BT)\b/g)) {
        if (token[1]) font = fonts.get(names.get(token[1]) ?? "");
        else if (token[2] && font) {
          const f = font;
          for (const [, hex] of token[2].matchAll(/<([0-9A-Fa-f]*)>/g))
            out += hexToCodes(hex as string, f.width)
              .map((c) => f.map.get(c) ?? "")
              .join("");
        } else if (token[3]) out += " ";
      }
    }
    pages.push(out.replace(/\s+/g, " ").trim());
  }
  // Chromium may set "ff", "fi" as one ligature glyph (U+FB00...); a reader sees the letters.
  return pages.join("\n").replace(/[\uFB00-\uFB06]/g, (ligature) => ligature.normalize("NFKC"));
}
