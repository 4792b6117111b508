// The QR code printed on a voucher: its modules drawn as vector squares, so the PDF stays
// self-contained (no image, no network) and the code prints sharp at any resolution.
import { create } from 'qrcode';
import type { Doc } from './form';

/**
 * The quiet zone around the code, in modules: ISO/IEC 18004 asks for 4 so a reader can find the
 * finder patterns; the area is left white, whatever the page has under it.
 */
export const QUIET_ZONE_MODULES = 4;

/**
 * Draws the QR code of `url` as a `size`-point square (quiet zone included) whose top-left corner
 * is at (x, y). Error correction M (15 %) survives a fold or a stamp on a printed voucher.
 */
export function drawVerificationQr(doc: Doc, url: string, x: number, y: number, size: number) {
  const { modules } = create(url, { errorCorrectionLevel: 'M' });
  const cells = modules.size + 2 * QUIET_ZONE_MODULES;
  const cell = size / cells;
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row += 1) {
    // Each horizontal run of dark modules is one rectangle: half as many as one a module,
    // the same picture. Each overlaps its neighbours by a hair so no hairline gap shows
    // between them when rasterised.
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column += 1;
      doc.rect(
        x + (start + QUIET_ZONE_MODULES) * cell,
        y + (row + QUIET_ZONE_MODULES) * cell,
        (column - start) * cell + 0.01,
        cell + 0.01,
      );
    }
  }
  doc.fill('#000000');
  doc.restore();
}
