// The drawn QR code is read back as a phone would: the page rasterised by pdftoppm and decoded by
// jsQR, so a wrong module, a missing quiet zone or a misplaced square fails the test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { drawVerificationQr } from '../src/qr';
import { renderContractVoucher } from '../src/vouchers/contract';
import { contractVoucher } from './fixtures';

const DPI = 150;
const POINTS_PER_INCH = 72;

function pdfWith(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 48 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** The first page as a PNG image, as pdftoppm rasterises it (poppler writes PNGs to files). */
function firstPage(pdf: Buffer): PNG {
  const dir = mkdtempSync(join(tmpdir(), 'denpyo-qr-'));
  try {
    const root = join(dir, 'page');
    const result = spawnSync('pdftoppm', ['-png', '-r', String(DPI), '-singlefile', '-', root], {
      input: pdf,
    });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr.toString()}`);
    return PNG.sync.read(readFileSync(`${root}.png`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function decode(image: PNG) {
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
}

const url =
  'https://denpyo.city.example.jp/verify/contract/3f2a9c1e-8d4b-4e6f-9a1b-2c3d4e5f6a7b?h=' +
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('drawVerificationQr', () => {
  it('draws a code that a reader decodes back to the URL', async () => {
    const image = firstPage(await pdfWith((doc) => drawVerificationQr(doc, url, 400, 700, 90)));
    expect(decode(image)?.data).toBe(url);
  });

  it('draws it inside the square it was given', async () => {
    const [x, y, size] = [100, 200, 120];
    const image = firstPage(await pdfWith((doc) => drawVerificationQr(doc, url, x, y, size)));
    const code = decode(image);
    if (!code) throw new Error('no QR code found on the page');
    const scale = DPI / POINTS_PER_INCH;
    const corners = [
      code.location.topLeftCorner,
      code.location.topRightCorner,
      code.location.bottomLeftCorner,
      code.location.bottomRightCorner,
    ];
    for (const corner of corners) {
      expect(corner.x / scale).toBeGreaterThanOrEqual(x);
      expect(corner.x / scale).toBeLessThanOrEqual(x + size);
      expect(corner.y / scale).toBeGreaterThanOrEqual(y);
      expect(corner.y / scale).toBeLessThanOrEqual(y + size);
    }
  });

  it('keeps the code readable over a dark background (its quiet zone is painted white)', async () => {
    const image = firstPage(
      await pdfWith((doc) => {
        doc.rect(0, 0, doc.page.width, doc.page.height).fill('#000000');
        drawVerificationQr(doc, url, 300, 300, 100);
      }),
    );
    expect(decode(image)?.data).toBe(url);
  });

  it('draws nothing readable for an empty page (the decoder is not fooled)', async () => {
    const image = firstPage(await pdfWith(() => undefined));
    expect(decode(image)).toBeNull();
  });
});

describe('a voucher given its verification URL', () => {
  it('carries it as a QR code a reader decodes', async () => {
    const image = firstPage(await renderContractVoucher(contractVoucher, url));
    expect(decode(image)?.data).toBe(url);
  });

  it('carries no code without one', async () => {
    expect(decode(firstPage(await renderContractVoucher(contractVoucher)))).toBeNull();
  });
});
