// Drawing primitives shared by the vouchers: an A4 portrait form with a header block, boxed
// tables (pdfkit's table support, which also breaks pages) and the verification footer.
import PDFDocument from 'pdfkit';
import { formatWarekiDate } from '@denpyo/jp';
import { japanMidnight } from './datetime';
import { japaneseFonts } from './font';
import { spaced } from './text';

export type Doc = PDFKit.PDFDocument;

const FONT = { regular: 'NotoSansJP', bold: 'NotoSansJP-Bold' } as const;
const SIZE = { title: 20, heading: 11, body: 9.5, small: 8 } as const;
const COLOR = { text: '#000000', rule: '#333333', labelFill: '#e8e8e8', muted: '#555555' };
const MARGIN = 48;
const LABEL_WIDTH = 110;
const CELL_PADDING: [number, number] = [4, 6];

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
      margin: MARGIN,
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

/** The document number and "n / m" in the bottom margin of every page, so loose pages can be put back together. */
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
        spaced(documentNumber, `${index - start + 1} / ${count}`),
        contentLeft(doc),
        doc.page.height - bottomMargin + 14,
        { width: contentWidth(doc), align: 'right', lineBreak: false },
      );
    doc.page.margins.bottom = bottomMargin;
  }
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

  const titleY = doc.y + 18;
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
  doc.y = ruleY + 16;
  if (statement) doc.text(statement, left, doc.y, { width }).moveDown(0.6);
}

/** Bold heading above a table. */
export function drawSectionHeading(doc: Doc, text: string): void {
  doc.moveDown(0.8);
  doc
    .font(FONT.bold)
    .fontSize(SIZE.heading)
    .text(text, contentLeft(doc), doc.y, { width: contentWidth(doc) })
    .moveDown(0.25);
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

/** Two-column form block: shaded labels on the left, values on the right. */
export function drawFieldTable(doc: Doc, fields: ReadonlyArray<readonly [string, string]>): void {
  doc.table({
    position: { x: contentLeft(doc), y: doc.y },
    maxWidth: contentWidth(doc),
    columnStyles: [LABEL_WIDTH, '*'],
    defaultStyle: TABLE_DEFAULTS,
    data: fields.map(([label, value]) => [labelCell(label), value]),
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

/** Boxed list with a shaded header row; amounts are right-aligned via the column's `align`. */
export function drawItemTable(
  doc: Doc,
  columns: readonly Column[],
  rows: ReadonlyArray<readonly string[]>,
  summary: readonly SummaryRow[] = [],
): void {
  const bodyCell = (text: string, column: Column): PDFKit.Mixins.CellOptions => ({
    text,
    align: { x: column.align ?? 'left', y: 'center' },
  });
  const summaryRow = ({ label, value }: SummaryRow): PDFKit.Mixins.CellOptions[] => [
    { ...labelCell(label, 'right'), colSpan: columns.length - 1 },
    { text: value, font: { src: FONT.bold }, align: { x: 'right', y: 'center' } },
  ];
  doc.table({
    position: { x: contentLeft(doc), y: doc.y },
    maxWidth: contentWidth(doc),
    columnStyles: columns.map((column) => column.width),
    defaultStyle: TABLE_DEFAULTS,
    data: [
      columns.map((column) => labelCell(column.header, 'center')),
      ...rows.map((row) => row.map((text, index) => bodyCell(text, columns[index]))),
      ...summary.map(summaryRow),
    ],
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
 * The hash of the printed data, pinned to the bottom of the last page (a new page if the content
 * reaches the bottom). The hex string wraps by character if it is wider than the page.
 */
export function drawVerificationFooter(doc: Doc, hash: string): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const text = spaced('検証用ハッシュ（SHA-256）', hash);
  doc.font(FONT.regular).fontSize(SIZE.small);
  const height = doc.heightOfString(text, { width });
  const gap = 8;
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + gap + height > bottom) doc.addPage();
  const top = bottom - height - 1;
  doc
    .moveTo(left, top - gap / 2)
    .lineTo(left + width, top - gap / 2)
    .lineWidth(0.5)
    .strokeColor(COLOR.rule)
    .stroke();
  doc.fillColor(COLOR.muted).text(text, left, top, { width }).fillColor(COLOR.text);
}
