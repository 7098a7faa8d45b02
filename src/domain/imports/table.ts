// The shape every file reader produces (SPEC A11): a file is a list of tables, a table a grid of
// cells as a person sees them, with merged cells already filled in. Pure data, no I/O.

export interface Cell {
  text: string;
  /** The cell's background colour as six hex digits ("FF0000"), when it has one. */
  fill?: string;
}

export interface Table {
  /** The sheet's name, or "Table 1", "Table 2" ... for a Word document or "CSV" for a CSV file. */
  name: string;
  rows: Cell[][];
  /**
   * The paragraphs between the previous table (or the start) and this one, in reading order: in
   * a Word document, a table's heading ("Significant weakness 2: ..."), its aim and KPIs.
   */
  before?: string[];
}

/** What a file's own properties say (Word's and Excel's document properties). */
export interface FileProperties {
  title?: string;
  subject?: string;
}

export type ReadResult = { ok: true; tables: Table[]; properties?: FileProperties } | { ok: false; problem: string };
