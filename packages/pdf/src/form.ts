// Drawing primitives shared by the vouchers: an A4 portrait form with a header block, boxed
// tables (pdfkit's table support; item tables break pages row by row and repeat their header)
// and the verification footer, which has a zone of its own at the bottom of every page.
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
const CELL_PADDING: [number, number] = [3, 6];
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
    doc.registerFont(FONT.regular, fonts.regular);
    doc.registerFont(FONT.bold, fonts.bold);
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

const TABLE_DEFAULTS: PDFKit.Mixins.CellStyle = {
  padding: CELL_PADDING,
  border: 0.6,
  borderColor: COLOR.rule,
  align: { x: 'left', y: 'center' },
};

function labelCell(
  text: string,
  align: 'left' | 'right' | 'center' = 'left',
): PDFKit.Mixins.CellOptions {
  return {
    text,
    type: 'TH',
    backgroundColor: COLOR.labelFill,
    font: { src: FONT.bold },
    align: { x: align, y: 'center' },
  };
}

/** A label and its value, or two of them side by side (e.g. two dates of one matter). */
export type FieldRow = readonly [string, string] | readonly [string, string, string, string];

/** Widths of the field table's columns: label, value, second label, second value. */
function fieldWidths(doc: Doc): [number, number, number, number] {
  const value = (contentWidth(doc) - 2 * LABEL_WIDTH) / 2;
  return [LABEL_WIDTH, value, LABEL_WIDTH, value];
}

/** Height of a field table of these fields once drawn. */
export function fieldTableHeight(doc: Doc, fields: readonly FieldRow[]): number {
  const widths = fieldWidths(doc);
  const wide = widths[1] + widths[2] + widths[3];
  return fields.reduce((sum, field) => {
    const cells =
      field.length === 2
        ? [
            { text: field[0], width: LABEL_WIDTH, bold: true },
            { text: field[1], width: wide, bold: false },
          ]
        : field.map((text, index) => ({ text, width: widths[index], bold: index % 2 === 0 }));
    return sum + rowHeight(doc, cells);
  }, 0);
}

/** Form block: shaded labels on the left, values on the right (one or two pairs a row). */
export function drawFieldTable(doc: Doc, fields: readonly FieldRow[]): void {
  doc.table({
    position: { x: contentLeft(doc), y: doc.y },
    columnStyles: fieldWidths(doc),
    defaultStyle: TABLE_DEFAULTS,
    data: fields.map((field) =>
      field.length === 2
        ? [labelCell(field[0]), { text: field[1], colSpan: 3 }]
        : [labelCell(field[0]), field[1], labelCell(field[2]), field[3]],
    ),
  });
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

/** Height of one table row: its tallest cell's text at its width, plus the cell padding. */
function rowHeight(doc: Doc, cells: readonly { text: string; width: number; bold: boolean }[]) {
  const [vertical, horizontal] = CELL_PADDING;
  const heights = cells.map(({ text, width, bold }) => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(SIZE.body);
    return doc.heightOfString(text === '' ? ' ' : text, { width: width - 2 * horizontal });
  });
  doc.font(FONT.regular).fontSize(SIZE.body);
  return Math.max(...heights) + 2 * vertical;
}

interface ItemTableLayout {
  widths: number[];
  headerHeight: number;
  rowHeights: number[];
  summaryHeights: number[];
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
    widths,
    headerHeight: rowHeight(
      doc,
      columns.map((column, index) => ({ text: column.header, width: widths[index], bold: true })),
    ),
    rowHeights: rows.map((row) =>
      rowHeight(
        doc,
        row.map((text, index) => ({ text, width: widths[index], bold: false })),
      ),
    ),
    summaryHeights: summary.map(({ label, value }) =>
      rowHeight(doc, [
        { text: label, width: labelWidth, bold: true },
        { text: value, width: widths.at(-1) ?? 0, bold: true },
      ]),
    ),
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
  return [layout.headerHeight, ...layout.rowHeights, ...layout.summaryHeights].reduce(
    (sum, height) => sum + height,
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
  const { widths, headerHeight, rowHeights, summaryHeights } = layoutItemTable(
    doc,
    columns,
    rows,
    summary,
  );
  const drawRow = (cells: PDFKit.Mixins.CellOptions[]): void => {
    doc.table({
      position: { x: contentLeft(doc), y: doc.y },
      columnStyles: widths,
      defaultStyle: TABLE_DEFAULTS,
      data: [cells],
    });
  };
  const headerCells = columns.map((column) => labelCell(column.header, 'center'));
  const placeRow = (cells: PDFKit.Mixins.CellOptions[], height: number): void => {
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      drawRow(headerCells);
    }
    drawRow(cells);
  };
  ensureRoom(doc, headerHeight + KEEP_WITH_NEXT / 2);
  drawRow(headerCells);
  rows.forEach((row, rowIndex) => {
    const cells = row.map((text, index) => ({
      text,
      align: { x: columns[index].align ?? 'left', y: 'center' as const },
    }));
    placeRow(cells, rowHeights[rowIndex]);
  });
  summary.forEach(({ label, value }, index) => {
    placeRow(
      [
        { ...labelCell(label, 'right'), colSpan: columns.length - 1 },
        { text: value, font: { src: FONT.bold }, align: { x: 'right', y: 'center' } },
      ],
      summaryHeights[index],
    );
  });
}

/** A single boxed line for when a list is empty, so the form still shows the section. */
export function drawEmptyNote(doc: Doc, text: string): void {
  doc.table({
    position: { x: contentLeft(doc), y: doc.y },
    maxWidth: contentWidth(doc),
    columnStyles: ['*'],
    defaultStyle: {
      ...TABLE_DEFAULTS,
      textColor: COLOR.muted,
      align: { x: 'center', y: 'center' },
    },
    data: [[text]],
  });
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
