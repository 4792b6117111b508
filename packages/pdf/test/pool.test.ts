// The pool: vouchers drawn on worker threads are the vouchers the main thread would draw, the main
// thread stays free while they render, and the queue is bounded.
import {
  renderContractVoucher,
  renderPaymentOrderVoucher,
  renderRemittanceNotice,
  usePdfRendering,
} from '../src';
import { renderHere } from '../src/jobs';
import {
  contractVoucher,
  hundredLineOrder,
  paymentOrderVoucher,
  remittanceNotice,
} from './fixtures';
import { freshCopyOfPackage } from './fresh-package';
import { pdfInfo, pdfText } from './pdf-text';

// Workers start and parse fonts, each test renders several 100-line vouchers: slow on a busy machine.
jest.setTimeout(60_000);

const release = usePdfRendering({ workers: 2 });
afterAll(() => release());

describe('rendering on worker threads', () => {
  it('gives the same bytes as rendering on the calling thread, for every voucher', async () => {
    const pairs = await Promise.all([
      Promise.all([
        renderContractVoucher(contractVoucher),
        renderHere({ voucher: 'contract', data: contractVoucher }),
      ]),
      Promise.all([
        renderPaymentOrderVoucher(hundredLineOrder),
        renderHere({ voucher: 'payment-order', data: hundredLineOrder }),
      ]),
      Promise.all([
        renderRemittanceNotice(remittanceNotice),
        renderHere({ voucher: 'remittance-notice', data: remittanceNotice }),
      ]),
    ]);
    for (const [pooled, here] of pairs) {
      expect(Buffer.isBuffer(pooled)).toBe(true);
      expect(pooled.equals(here)).toBe(true);
    }
    expect(pdfInfo(pairs[1][0]).Pages).toBe('4');
    expect(pdfText(pairs[1][0])).toMatch(/100\s+道路維持補修 資材・作業 第100工区/);
  });

  it('leaves the main thread free while four 100-line vouchers render', async () => {
    await renderPaymentOrderVoucher(paymentOrderVoucher); // a worker started, fonts parsed
    const gaps = ticker();
    const renders = await Promise.all(
      // Four vouchers, not one four times: the same voucher would be rendered once (the cache).
      Array.from({ length: 4 }, async (_, index) => {
        const started = performance.now();
        const pdf = await renderPaymentOrderVoucher({
          ...hundredLineOrder,
          documentNumber: `支-2027-00100${index}`,
        });
        return { pdf, ms: performance.now() - started };
      }),
    );
    const longestGapMs = await gaps.stop();
    expect(new Set(renders.map(({ pdf }) => pdf.toString('latin1'))).size).toBe(4);
    // Drawn on this thread, each render would hold it for its whole time (40–600 ms here, and
    // seconds on a loaded machine, where a third of the quickest render still tells them apart).
    const quickest = Math.min(...renders.map(({ ms }) => ms));
    expect(longestGapMs).toBeLessThan(Math.max(150, quickest / 3));
  });
});

/** Ticks every 2 ms; `stop` gives the longest time this thread went without a tick. */
function ticker(): { stop(): Promise<number> } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 2);
  return {
    async stop() {
      // A tick held back by a block of the thread runs only after it: let it come.
      await new Promise((resolve) => setTimeout(resolve, 20));
      clearInterval(timer);
      return longest;
    },
  };
}

describe('the queue', () => {
  it('refuses renders beyond the workers and the queue with PdfQueueFull, then takes them again', async () => {
    const pdf = freshCopyOfPackage();
    const stop = pdf.usePdfRendering({ workers: 1, maxQueue: 1 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, index) =>
          pdf.renderPaymentOrderVoucher({ ...paymentOrderVoucher, documentNumber: `支-${index}` }),
        ),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      const rendered = results.filter((r) => r.status === 'fulfilled');
      expect(rendered).toHaveLength(2); // one on the worker, one waiting
      expect(refused).toHaveLength(3);
      for (const refusal of refused) {
        expect((refusal as PromiseRejectedResult).reason).toBeInstanceOf(pdf.PdfQueueFull);
        expect((refusal as PromiseRejectedResult).reason).toMatchObject({
          code: 'PDF_QUEUE_FULL',
        });
      }
      await expect(pdf.renderPaymentOrderVoucher(paymentOrderVoucher)).resolves.toBeInstanceOf(
        Buffer,
      );
    } finally {
      await stop();
    }
  });

  it('joins renders of the same voucher under way: they take one place, not one each', async () => {
    const pdf = freshCopyOfPackage();
    const stop = pdf.usePdfRendering({ workers: 1, maxQueue: 0 });
    try {
      const renders = await Promise.all(
        Array.from({ length: 5 }, () => pdf.renderPaymentOrderVoucher(paymentOrderVoucher)),
      );
      expect(renders.every((rendered) => rendered === renders[0])).toBe(true);
      expect(pdf.pdfRenderingStats()).toEqual({ hits: 4, renders: 1 });
    } finally {
      await stop();
    }
  });

  it('closes with the last user and starts again on the next render', async () => {
    const pdf = freshCopyOfPackage();
    const first = pdf.usePdfRendering({ workers: 1 });
    const second = pdf.usePdfRendering({ workers: 1 });
    const before = await pdf.renderRemittanceNotice(remittanceNotice);
    await first();
    await first(); // a second call is a no-op, not another user gone
    expect((await pdf.renderRemittanceNotice(remittanceNotice)).equals(before)).toBe(true);
    await second();
    // The cache went with the pool: this one is rendered on a new worker.
    const after = await pdf.renderRemittanceNotice(remittanceNotice);
    expect(after.equals(before)).toBe(true);
    expect(pdf.pdfRenderingStats()).toEqual({ hits: 0, renders: 1 });
    await pdf.usePdfRendering()();
  });
});

describe('the cache of rendered vouchers', () => {
  it('answers a voucher printed again from the main thread, with the bytes a worker drew', async () => {
    const pdf = freshCopyOfPackage();
    const stop = pdf.usePdfRendering({ workers: 1 });
    try {
      const printed = await pdf.renderContractVoucher(contractVoucher, 'https://city.example/v/1');
      const again = await pdf.renderContractVoucher(
        structuredClone(contractVoucher),
        'https://city.example/v/1',
      );
      expect(again.equals(printed)).toBe(true);
      expect(pdf.pdfRenderingStats()).toEqual({ hits: 1, renders: 1 });
      // What a worker would draw now, in this thread: the kept bytes are those.
      const here = await renderHere({
        voucher: 'contract',
        data: contractVoucher,
        verificationUrl: 'https://city.example/v/1',
      });
      expect(again.equals(here)).toBe(true);
    } finally {
      await stop();
    }
  });

  it('never answers a voucher whose record moved on with the old print', async () => {
    const pdf = freshCopyOfPackage();
    const stop = pdf.usePdfRendering({ workers: 1 });
    try {
      const unconfirmed = { ...paymentOrderVoucher };
      delete unconfirmed.confirmation;
      const before = await pdf.renderPaymentOrderVoucher(unconfirmed);
      const confirmed = await pdf.renderPaymentOrderVoucher(paymentOrderVoucher);
      expect(confirmed.equals(before)).toBe(false);
      expect(pdfText(before)).toMatch(/会計管理者確認\s+未確認/);
      expect(pdfText(confirmed)).toMatch(/会計管理者確認\s+会計管理者\s+渡辺 直樹/);
      expect(pdf.pdfRenderingStats()).toEqual({ hits: 0, renders: 2 });
    } finally {
      await stop();
    }
  });
});
