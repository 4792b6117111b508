// Visual check: each voucher rendered to PNG (pdftoppm, 50 dpi) and compared with the committed
// reference images in test/reference/ within a tolerance, so a layout regression fails CI. The
// font is embedded from an npm package, so CI draws the same glyphs; the tolerance absorbs
// poppler's anti-aliasing differences. `UPDATE_REFERENCE=1 npx jest test/visual.test.ts`
// rewrites the references (look at them before committing).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import {
  renderContractVoucher,
  renderPaymentOrderVoucher,
  renderRemittanceNotice,
  renderTransferSummary,
} from '../src';
import {
  contractVoucher,
  fiveLineOrder,
  fortyLineOrderWithWithholding,
  oneLineOrder,
  settledRemittanceNotice,
  transferSummary,
} from './fixtures';

const REFERENCE_DIR = join(__dirname, 'reference');
const UPDATE = process.env.UPDATE_REFERENCE === '1';
/** At most this share of a page's pixels may differ from its reference. */
const TOLERANCE = 0.005;

/** What the services print in the QR code (a fixed one here, so the code's modules are too). */
const VERIFY_URL = `https://denpyo.city.example.lg.jp/verify/contract/6f1c2d3e?h=${'ab'.repeat(32)}`;

const CASES: ReadonlyArray<readonly [string, () => Promise<Buffer>]> = [
  ['contract', () => renderContractVoucher(contractVoucher, VERIFY_URL)],
  ['payment-order-1-line', () => renderPaymentOrderVoucher(oneLineOrder, VERIFY_URL)],
  ['payment-order-5-lines', () => renderPaymentOrderVoucher(fiveLineOrder, VERIFY_URL)],
  [
    'payment-order-40-lines-withholding',
    () => renderPaymentOrderVoucher(fortyLineOrderWithWithholding, VERIFY_URL),
  ],
  ['remittance-notice-settled', () => renderRemittanceNotice(settledRemittanceNotice, VERIFY_URL)],
  ['transfer-summary', () => renderTransferSummary(transferSummary)],
];

/** Every page of the PDF as a PNG, as pdftoppm rasterises it. */
function rasterise(pdf: Buffer): PNG[] {
  const dir = mkdtempSync(join(tmpdir(), 'denpyo-visual-'));
  try {
    const result = spawnSync('pdftoppm', ['-png', '-r', '50', '-', join(dir, 'page')], {
      input: pdf,
    });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr.toString()}`);
    return readdirSync(dir)
      .sort()
      .map((file) => PNG.sync.read(readFileSync(join(dir, file))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function referencePath(name: string, page: number): string {
  return join(REFERENCE_DIR, `${name}-${page}.png`);
}

function referencePages(name: string): string[] {
  return readdirSync(REFERENCE_DIR)
    .filter((file) => new RegExp(`^${name}-\\d+\\.png$`).test(file))
    .sort();
}

/** The share of pixels that differ noticeably (pixelmatch's YIQ threshold 0.1). */
function differingShare(actual: PNG, expected: PNG): number {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  const diff = pixelmatch(actual.data, expected.data, null, actual.width, actual.height, {
    threshold: 0.1,
  });
  return diff / (actual.width * actual.height);
}

/** The image moved down by `rows` pixel rows (white enters at the top). */
function shiftedDown(image: PNG, rows: number): PNG {
  const shifted = new PNG({ width: image.width, height: image.height });
  shifted.data.fill(255);
  const rowBytes = image.width * 4;
  image.data.copy(shifted.data, rows * rowBytes, 0, (image.height - rows) * rowBytes);
  return shifted;
}

describe('vouchers look like their reference images', () => {
  if (UPDATE) mkdirSync(REFERENCE_DIR, { recursive: true });

  it.each(CASES)('%s', async (name, render) => {
    const pages = rasterise(await render());
    if (UPDATE) {
      for (const file of referencePages(name)) rmSync(join(REFERENCE_DIR, file));
      pages.forEach((page, index) =>
        writeFileSync(referencePath(name, index + 1), PNG.sync.write(page)),
      );
    }
    expect(pages).toHaveLength(referencePages(name).length);
    pages.forEach((page, index) => {
      const reference = PNG.sync.read(readFileSync(referencePath(name, index + 1)));
      expect(differingShare(page, reference)).toBeLessThanOrEqual(TOLERANCE);
    });
  });

  it('notices a layout that moved by 1 mm', () => {
    const reference = PNG.sync.read(readFileSync(referencePath('contract', 1)));
    // 2 px at 50 dpi ≈ 1 mm: every rule and line of text lands elsewhere.
    expect(differingShare(shiftedDown(reference, 2), reference)).toBeGreaterThan(TOLERANCE);
  });
});
