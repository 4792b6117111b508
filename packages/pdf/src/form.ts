// Drawing primitives shared by the vouchers: an A4 portrait form with a header block, boxed
// tables (rows of boxes drawn here, text laid out by pdfkit; item tables break pages row by row
// and repeat their header) and the verification footer, which has a zone of its own at the
// bottom of every page.
import PDFDocument from 'pdfkit';
import { formatWarekiDate } from '@denpyo/jp';
import { japanMidnight } from './datetime';
import { japaneseFonts } from './font';
import { drawVerificationQr } from './qr';
import { spaced } from './text';

export type Doc = PDFKit.PDFDocument;

const FONT = { regular: 'NotoSansJP', bold: 'NotoSansJP-Bold' } as const;
const SIZE = { title: 18, heading: 10.5, body: 9, small: 8 } as const;
const COLOR = { text: '#000000', rule: '#333333', labelFill: '#e8e8e8', muted: '#555555' };
const MARGIN = 42;
/** Below the footer zone: the page number. */
const PAGE_NUMBER_BAND = 32;
const LABEL_WIDTH = 110;
/** Inside a table cell: [vertical, horizontal]. */
const CELL_PADDING: [number, number] = [3, 6];
/** Width of a table's rules. */
const TABLE_RULE = 0.6;
const MM = 72 / 25.4;
/** The square left at the bottom right of the last page's footer for the verification QR code. */
export const FOOTER_CODE_SIZE = 22 * MM;
/**
 * Height of the footer zone kept free above the bottom margin of every page: content never
 * enters it, so the footer always fits under the last content and never gets a page of its own.
 */
const FOOTER_ZONE = FOOTER_CODE_SIZE + 10;
/** Room a table needs below its heading (header and first row) not to leave it alone. */
const KEEP_WITH_NEXT = 48;

export interface DocumentInfo {
  /** Voucher kind, e.g. 支出命令書; becomes the PDF Title. */
  title: string;
  /** Issuing city; becomes the PDF Author. */
  city: string;
  documentNumber: string;
  /** ISO date of the voucher; becomes the PDF CreationDate so the same data gives the same bytes. */
  date: string;
}

/** Creates an A4 document, lets `draw` fill it and resolves with the finished PDF bytes. */
export function renderPdf(info: DocumentInfo, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const fonts = japaneseFonts();
    const doc = new PDFDocument({
      // No default font: pdfkit would read and parse Helvetica's metrics for every document,
      // and vouchers draw only in Noto Sans JP (set below).
      font: '',
      size: 'A4',
      margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: PAGE_NUMBER_BAND + FOOTER_ZONE },
      bufferPages: true, // page numbers need the page count, known only at the end
      lang: 'ja-JP',
      displayTitle: true,
      info: {
        Title: info.title,
        Author: info.city,
        Subject: `${info.title} ${info.documentNumber}`,
        Creator: 'Denpyo',
        CreationDate: japanMidnight(info.date),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // Registered with a family name, doc.font(name) finds the font this document already
    // embeds; without one, pdfkit wrapped the font anew on every font change (and compared
    // the fonts' name tables to merge them again), a sixth of a render.
    doc.registerFont(FONT.regular, fonts.regular, FONT.regular);
    doc.registerFont(FONT.bold, fonts.bold, FONT.bold);
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    draw(doc);
    drawPageNumbers(doc, info.documentNumber);
    doc.end();
  });
}

function contentLeft(doc: Doc): number {
  return doc.page.margins.left;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** The document number and "n/m" in the bottom margin of every page, so loose pages can be put back together. */
function drawPageNumbers(doc: Doc, documentNumber: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text inside the margin would otherwise start a new page
    doc
      .font(FONT.regular)
      .fontSize(SIZE.small)
      .fillColor(COLOR.muted)
      .text(
        spaced(documentNumber, `${index - start + 1}/${count}`),
        contentLeft(doc),
        doc.page.height - PAGE_NUMBER_BAND + 10,
        { width: contentWidth(doc), align: 'right', lineBreak: false },
      );
    if (index < start + count - 1) {
      // A continued page says so where the last page has its footer.
      doc.text('（次葉へ続く）', contentLeft(doc), doc.page.height - bottomMargin + 10, {
        width: contentWidth(doc),
        align: 'right',
        lineBreak: false,
      });
    }
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Starts a new page unless `height` more points fit above the footer zone. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** Issuer at the top left, number and date at the top right, then the centred title. */
export function drawHeader(doc: Doc, info: DocumentInfo, statement?: string): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.page.margins.top;
  doc
    .font(FONT.bold)
    .fontSize(SIZE.heading)
    .text(info.city, left, top, { width: width / 2 });
  doc
    .font(FONT.regular)
    .fontSize(SIZE.body)
    .text(spaced('文書番号', info.documentNumber), left + width / 2, top, {
      width: width / 2,
      align: 'right',
    })
    .text(formatWarekiDate(info.date), { width: width / 2, align: 'right' });

  const titleY = doc.y + 10;
  doc
    .font(FONT.bold)
    .fontSize(SIZE.title)
    .text(info.title, left, titleY, { width, align: 'center', characterSpacing: 6 });
  const ruleY = doc.y + 4;
  const ruleWidth = doc.widthOfString(info.title, { characterSpacing: 6 }) + 40;
  const ruleLeft = left + (width - ruleWidth) / 2;
  doc
    .moveTo(ruleLeft, ruleY)
    .lineTo(ruleLeft + ruleWidth, ruleY)
    .moveTo(ruleLeft, ruleY + 2.5)
    .lineTo(ruleLeft + ruleWidth, ruleY + 2.5)
    .lineWidth(0.8)
    .strokeColor(COLOR.rule)
    .stroke();
  doc.font(FONT.regular).fontSize(SIZE.body);
  doc.x = left;
  doc.y = ruleY + 12;
  if (statement) doc.text(statement, left, doc.y, { width }).moveDown(0.6);
}

/**
 * Bold heading above a table, moved to the next page with it rather than left alone: it needs
 * `keepWithNext` points below it (the table's header and first row unless told more, e.g. a
 * whole block that should not be split from its heading).
 */
export function drawSectionHeading(doc: Doc, text: string, keepWithNext = KEEP_WITH_NEXT): void {
  doc.moveDown(0.6);
  doc.font(FONT.bold).fontSize(SIZE.heading);
  ensureRoom(doc, doc.heightOfString(text) + keepWithNext);
  doc.text(text, contentLeft(doc), doc.y, { width: contentWidth(doc) }).moveDown(0.25);
  doc.font(FONT.regular).fontSize(SIZE.body);
}

/** One box of a table row: its text, width and look. */
interface Cell {
  text: string;
  width: number;
  bold?: boolean;
  /** The shaded label look (表頭): bold on grey. */
  label?: boolean;
  align?: 'left' | 'right' | 'center';
  color?: string;
}

/** A shaded, bold label box. */
function labelCell(text: string, width: number, align: 'left' | 'right' | 'center' = 'left'): Cell {
  return { text, width, label: true, align };
}

function cellFont(doc: Doc, cell: Cell): void {
  doc.font(cell.bold || cell.label ? FONT.bold : FONT.regular).fontSize(SIZE.body);
}

/** A cell's text as measured: its height, and its width when it is one line. */
interface MeasuredText {
  height: number;
  oneLineWidth?: number;
}

/**
 * Text that fits on one line with room to spare is one line high and drawn as one line,
 * without pdfkit's line wrapper (which measures each character of Japanese text on its own:
 * wrapping every cell was a third of a render); the rest is wrapped as pdfkit wraps it.
 */
function measureText(doc: Doc, cell: Cell): MeasuredText {
  if (cell.text === '') return { height: 0 };
  cellFont(doc, cell);
  const width = cell.width - 2 * CELL_PADDING[1];
  if (!cell.text.includes('\n')) {
    const oneLineWidth = doc.widthOfString(cell.text.trimEnd());
    // The margin covers the kerning the wrapper, which measures word by word, does not see.
    if (oneLineWidth < width - 1) return { height: doc.currentLineHeight(true), oneLineWidth };
  }
  return { height: doc.heightOfString(cell.text, { width }) };
}

interface MeasuredRow {
  cells: readonly Cell[];
  texts: MeasuredText[];
  /** Its tallest cell's text, plus the cell padding. */
  height: number;
}

function measureRow(doc: Doc, cells: readonly Cell[]): MeasuredRow {
  const texts = cells.map((cell) => measureText(doc, cell));
  doc.font(FONT.regular).fontSize(SIZE.body);
  return {
    cells,
    texts,
    height: Math.max(...texts.map((text) => text.height)) + 2 * CELL_PADDING[0],
  };
}

/** Where a one-line text starts in its cell, as pdfkit aligns it. */
function oneLineLeft(cell: Cell, left: number, textWidth: number): number {
  const inner = cell.width - 2 * CELL_PADDING[1];
  const start = left + CELL_PADDING[1];
  if (cell.align === 'right') return start + inner - textWidth;
  if (cell.align === 'center') return start + inner / 2 - textWidth / 2;
  return start;
}

/**
 * Draws a row of boxed cells at the current position, each text centred vertically in its box,
 * and moves below it. (pdfkit's tables draw the same boxes, but measured every cell's text three
 * times through the line wrapper: a third to a half of a render.)
 */
function drawRow(doc: Doc, row: MeasuredRow): void {
  const [vertical, horizontal] = CELL_PADDING;
  const left = contentLeft(doc);
  const top = doc.y;
  let x = left;
  row.cells.forEach((cell, index) => {
    if (cell.label) {
      doc.save().fillColor(COLOR.labelFill).rect(x, top, cell.width, row.height).fill().restore();
    }
    doc
      .save()
      .lineWidth(TABLE_RULE)
      .strokeColor(COLOR.rule)
      .rect(x, top, cell.width, row.height)
      .stroke()
      .restore();
    const text = row.texts[index];
    if (cell.text !== '') {
      const textTop = top + vertical + (row.height - 2 * vertical - text.height) / 2;
      cellFont(doc, cell);
      doc.save().fillColor(cell.color ?? COLOR.text);
      if (text.oneLineWidth === undefined) {
        doc.text(cell.text, x + horizontal, textTop, {
          width: cell.width - 2 * horizontal,
          align: cell.align ?? 'left',
        });
      } else {
        doc.text(cell.text, oneLineLeft(cell, x, text.oneLineWidth), textTop, { lineBreak: false });
      }
      doc.restore();
    }
    x += cell.width;
  });
  doc.font(FONT.regular).fontSize(SIZE.body);
  doc.x = left;
  doc.y = top + row.height;
}

/** A label and its value, or two of them side by side (e.g. two dates of one matter). */
export type FieldRow = readonly [string, string] | readonly [string, string, string, string];

/** The cells of a field row: label, value, second label, second value (or one wide value). */
function fieldCells(doc: Doc, field: FieldRow): Cell[] {
  const value = (contentWidth(doc) - 2 * LABEL_WIDTH) / 2;
  return field.length === 2
    ? [labelCell(field[0], LABEL_WIDTH), { text: field[1], width: value + LABEL_WIDTH + value }]
    : [
        labelCell(field[0], LABEL_WIDTH),
        { text: field[1], width: value },
        labelCell(field[2], LABEL_WIDTH),
        { text: field[3], width: value },
      ];
}

/** Height of a field table of these fields once drawn. */
export function fieldTableHeight(doc: Doc, fields: readonly FieldRow[]): number {
  return fields.reduce((sum, field) => sum + measureRow(doc, fieldCells(doc, field)).height, 0);
}

/** Form block: shaded labels on the left, values on the right (one or two pairs a row). */
export function drawFieldTable(doc: Doc, fields: readonly FieldRow[]): void {
  for (const field of fields) {
    const row = measureRow(doc, fieldCells(doc, field));
    ensureRoom(doc, row.height);
    drawRow(doc, row);
  }
}

export interface Column {
  header: string;
  width: number | '*';
  align?: 'left' | 'right' | 'center';
}

/** A row printed under the table body: label across all but the last column, value in the last. */
export interface SummaryRow {
  label: string;
  value: string;
}

/** Column widths in points: '*' columns share what the fixed ones leave. */
function resolveWidths(doc: Doc, columns: readonly Column[]): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width === '*' ? 0 : c.width), 0);
  const stars = columns.filter((c) => c.width === '*').length;
  const star = stars > 0 ? (contentWidth(doc) - fixed) / stars : 0;
  return columns.map((c) => (c.width === '*' ? star : c.width));
}

interface ItemTableLayout {
  header: Cell[];
  rows: Cell[][];
  summary: Cell[][];
}

function layoutItemTable(
  doc: Doc,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  summary: readonly SummaryRow[],
): ItemTableLayout {
  const widths = resolveWidths(doc, columns);
  const labelWidth = widths.slice(0, -1).reduce((sum, width) => sum + width, 0);
  return {
    header: columns.map((column, index) => labelCell(column.header, widths[index], 'center')),
    rows: rows.map((row) =>
      row.map((text, index) => ({ text, width: widths[index], align: columns[index].align })),
    ),
    summary: summary.map(({ label, value }) => [
      labelCell(label, labelWidth, 'right'),
      { text: value, width: widths.at(-1) ?? 0, bold: true, align: 'right' },
    ]),
  };
}

/** Height of an item table once drawn on one page. */
export function itemTableHeight(
  doc: Doc,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  summary: readonly SummaryRow[] = [],
): number {
  const layout = layoutItemTable(doc, columns, rows, summary);
  return [layout.header, ...layout.rows, ...layout.summary].reduce(
    (sum, cells) => sum + measureRow(doc, cells).height,
    0,
  );
}

/**
 * Boxed list with a shaded header row; amounts are right-aligned via the column's `align`. Rows
 * are placed one by one: a row that does not fit above the footer zone starts a new page, which
 * begins with the header row again.
 */
export function drawItemTable(
  doc: Doc,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  summary: readonly SummaryRow[] = [],
): void {
  const layout = layoutItemTable(doc, columns, rows, summary);
  const header = measureRow(doc, layout.header);
  const placeRow = (cells: Cell[]): void => {
    const row = measureRow(doc, cells);
    if (doc.y + row.height > doc.page.maxY()) {
      doc.addPage();
      drawRow(doc, header);
    }
    drawRow(doc, row);
  };
  ensureRoom(doc, header.height + KEEP_WITH_NEXT / 2);
  drawRow(doc, header);
  layout.rows.forEach(placeRow);
  layout.summary.forEach(placeRow);
}

/** A single boxed line for when a list is empty, so the form still shows the section. */
export function drawEmptyNote(doc: Doc, text: string): void {
  drawRow(
    doc,
    measureRow(doc, [{ text, width: contentWidth(doc), align: 'center', color: COLOR.muted }]),
  );
}

/** Free text across the content width, e.g. the addressee of a notice. */
export function drawText(
  doc: Doc,
  text: string,
  options: { bold?: boolean; size?: number } = {},
): void {
  doc
    .font(options.bold ? FONT.bold : FONT.regular)
    .fontSize(options.size ?? SIZE.body)
    .text(text, contentLeft(doc), doc.y, { width: contentWidth(doc) });
  doc.font(FONT.regular).fontSize(SIZE.body);
}

/**
 * The hash of the printed data in the footer zone of the last page, under its last content (the
 * zone is kept free on every page, so the footer never needs a page of its own). The square at
 * the zone's bottom right is kept for the QR code of the portal's verification page, drawn when
 * `verificationUrl` is given. The hex string wraps by character if it is wider than its column.
 */
export function drawVerificationFooter(doc: Doc, hash: string, verificationUrl?: string): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const zoneTop = doc.page.maxY() + 4;
  const codeLeft = left + width - FOOTER_CODE_SIZE;
  const textWidth = width - FOOTER_CODE_SIZE - 12;
  doc
    .moveTo(left, zoneTop)
    .lineTo(left + width, zoneTop)
    .lineWidth(0.5)
    .strokeColor(COLOR.rule)
    .stroke();
  const bottomMargin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0; // the zone is below the content area: no automatic page break
  doc
    .font(FONT.regular)
    .fontSize(SIZE.small)
    .fillColor(COLOR.muted)
    .text('検証用ハッシュ（SHA-256）', left, zoneTop + 6, { width: textWidth })
    .text(hash, { width: textWidth, characterSpacing: 0.2 })
    .fillColor(COLOR.text);
  if (verificationUrl) {
    doc.text('右のコードから電子決裁の記録を照合できます。', { width: textWidth });
    drawVerificationQr(doc, verificationUrl, codeLeft, zoneTop + 6, FOOTER_CODE_SIZE);
  }
  doc.fillColor(COLOR.text).font(FONT.regular).fontSize(SIZE.body);
  doc.page.margins.bottom = bottomMargin;
}
