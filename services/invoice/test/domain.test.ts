import fc from 'fast-check';
import { addCalendarDays, fiscalYearOf, isBankBusinessDay, MAX_TRANSFER_AMOUNT } from '@denpyo/jp';
import type { AuthUser, InvoiceCreateRequest, InvoiceLine } from '@denpyo/schemas';
import { deadlineAtInspection, isInspectionOverdue } from '../src/domain/deadlines';
import { DOCUMENT_SEQUENCE_DIGITS, documentNumberPrefix } from '../src/domain/document-number';
import { decideOrderWithinContract } from '../src/domain/encumbrance';
import { decideOrderFiscalYear, paymentFiscalYear } from '../src/domain/fiscal-year';
import { canApply, statusAfter, type InvoiceAction } from '../src/domain/invoice-state';
import {
  assessInvoice,
  decideIssueDate,
  type ContractTerms,
  type VendorTerms,
} from '../src/domain/receipt';
import { decideInspector, mayIssuePaymentOrder } from '../src/domain/separation-of-duties';

const VENDOR = '7f1e5a3c-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
const OTHER_VENDOR = '11111111-2222-4333-8444-555555555555';
const REGISTRATION = 'T1234567890123';
const procurement: AuthUser = { username: 'alice', roles: ['procurement'] };
const vendorUser: AuthUser = { username: 'acme', roles: ['vendor'], vendorId: VENDOR };
const contract: ContractTerms = {
  vendorId: VENDOR,
  amount: 1_000_000,
  invoicedTotal: 0,
  kind: 'services',
  fiscalYear: 2026,
};
const corporation: VendorTerms = { invoiceRegistrationNumber: REGISTRATION, kind: 'corporation' };
const individual: VendorTerms = { invoiceRegistrationNumber: null, kind: 'individual' };
const TODAY = '2026-11-24';

type Request = Parameters<typeof assessInvoice>[0];

function invoice(lines: InvoiceLine[], extra: Partial<InvoiceCreateRequest> = {}): Request {
  return { issueDate: '2026-11-20', lines, ...extra };
}

const line = (amount: number, taxRate: 10 | 8 | 0 = 10, withholding?: boolean): InvoiceLine => ({
  description: 'x',
  amount,
  taxRate,
  ...(withholding === undefined ? {} : { withholding }),
});

describe('assessInvoice: v1 invoices (tax-excluded lines, no stated tax)', () => {
  it('computes tax once per rate, rounded down, for mixed 10% and 8% lines', () => {
    // Per line the tax would be 10+10 and 10+10; per rate it is floor(21.0) and floor(21.6).
    const result = assessInvoice(
      invoice(
        [
          { description: '工事', amount: 105, taxRate: 10 },
          { description: '飲料', amount: 135, taxRate: 8 },
          { description: '資材', amount: 105, taxRate: 10 },
          { description: '食品', amount: 135, taxRate: 8 },
        ],
        { registrationNumber: REGISTRATION },
      ),
      contract,
      corporation,
      procurement,
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        amountsInclude: 'tax-excluded',
        subtotal: 480,
        taxes: [
          { rate: 10, base: 210, tax: 21, stated: false },
          { rate: 8, base: 270, tax: 21, stated: false },
        ],
        total: 522,
        qualified: true,
        withholdingTax: 0,
        netAmount: 522,
        contractKind: 'services',
        fiscalYear: 2026,
        receivedOn: TODAY,
        dueDate: '2026-12-24',
        inspectionDueDate: '2026-12-04',
      },
    });
  });

  it('moves a due date that falls in the year-end closure back to a bank business day', () => {
    // 2026-12-02 + 30 days = 2027-01-01 (closed), 12-31 closed too: 2026-12-30 (Wednesday).
    const result = assessInvoice(
      invoice([line(1000)]),
      contract,
      corporation,
      procurement,
      '2026-12-02',
    );
    expect(result.ok && result.value.dueDate).toBe('2026-12-30');
  });

  it('always yields a bank business day no later than 30 days after receipt, and the latest such day', () => {
    const dates = fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2049-11-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, (receivedOn) => {
        const result = assessInvoice(
          { issueDate: receivedOn, lines: [line(1, 0)] },
          contract,
          corporation,
          procurement,
          receivedOn,
        );
        if (!result.ok) return false;
        const { dueDate } = result.value;
        const deadline = addCalendarDays(receivedOn, 30);
        expect(isBankBusinessDay(dueDate)).toBe(true);
        expect(dueDate <= deadline).toBe(true);
        for (
          let day = addCalendarDays(dueDate, 1);
          day <= deadline;
          day = addCalendarDays(day, 1)
        ) {
          expect(isBankBusinessDay(day)).toBe(false);
        }
        return true;
      }),
    );
  });

  it('never rounds tax up and never taxes less than per-line rounding would', () => {
    const anyLine = fc.record({
      description: fc.constant('item'),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      taxRate: fc.constantFrom(10 as const, 8 as const, 0 as const),
    });
    const bigContract = { ...contract, amount: Number.MAX_SAFE_INTEGER };
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 30 }), (lines) => {
        const result = assessInvoice(invoice(lines), bigContract, corporation, procurement, TODAY);
        if (!result.ok) return false;
        const { subtotal, taxes, total } = result.value;
        for (const { rate, base, tax } of taxes) {
          const ofRate = lines.filter((l) => l.taxRate === rate);
          expect(base).toBe(ofRate.reduce((sum, l) => sum + l.amount, 0));
          expect(tax).toBe(Math.floor((base * rate) / 100));
          const perLine = ofRate.reduce((sum, l) => sum + Math.floor((l.amount * rate) / 100), 0);
          expect(tax).toBeGreaterThanOrEqual(perLine);
        }
        expect(total).toBe(subtotal + taxes.reduce((sum, t) => sum + t.tax, 0));
        return true;
      }),
    );
  });
});

describe('assessInvoice: the tax as stated (消費税法 57-4)', () => {
  const assess = (request: Request) =>
    assessInvoice(request, contract, corporation, procurement, TODAY);

  it.each([80, 81])('accepts 8%% tax %d stated on a tax-excluded base of 1,005', (tax) => {
    const result = assess(invoice([line(1_005, 8)], { statedTaxes: [{ rate: 8, tax }] }));
    expect(result).toMatchObject({
      ok: true,
      value: { taxes: [{ rate: 8, base: 1_005, tax, stated: true }], total: 1_005 + tax },
    });
  });

  it.each([79, 82])('refuses 8%% tax %d on 1,005, naming the rate and both figures', (tax) => {
    const result = assess(invoice([line(1_005, 8)], { statedTaxes: [{ rate: 8, tax }] }));
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: `The stated 8% tax ${tax} is not the exact tax rounded down, half-up or up (accepted: 80 or 81)`,
        errors: [
          {
            path: 'statedTaxes.0.tax',
            message: `The stated 8% tax ${tax} is not the exact tax rounded down, half-up or up (accepted: 80 or 81)`,
          },
        ],
      },
    });
  });

  it('takes 税込 1,099 at 10% stating 99 as a claim of 1,099 (not 1,100)', () => {
    const result = assess(
      invoice([line(1_099)], {
        amountsInclude: 'tax-included',
        statedTaxes: [{ rate: 10, tax: 99 }],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        amountsInclude: 'tax-included',
        subtotal: 1_000,
        taxes: [{ rate: 10, base: 1_099, tax: 99, stated: true }],
        total: 1_099,
        netAmount: 1_099,
      },
    });
  });

  it('takes one tax-included line of 11 at 10%: tax 1, total 11', () => {
    const result = assess(invoice([line(11)], { amountsInclude: 'tax-included' }));
    expect(result).toMatchObject({
      ok: true,
      value: { subtotal: 10, taxes: [{ rate: 10, base: 11, tax: 1, stated: false }], total: 11 },
    });
  });

  it('takes a −1,000 discount off a 10% base of 10,000: base 9,000, tax 900', () => {
    const result = assess(invoice([line(10_000), line(-1_000)]));
    expect(result).toMatchObject({
      ok: true,
      value: { subtotal: 9_000, taxes: [{ rate: 10, base: 9_000, tax: 900 }], total: 9_900 },
    });
  });

  it('mixes rates, stated and not: 10% half-up stated, 8% rounded down, 0% exempt', () => {
    // 10%: 12,345 → 1,234.5 (stated 1,235, half-up); 8%: 6,789 → 543.12 → 543; 0%: 500.
    const result = assess(
      invoice([line(12_345, 10), line(6_789, 8), line(500, 0)], {
        statedTaxes: [{ rate: 10, tax: 1_235 }],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        subtotal: 19_634,
        taxes: [
          { rate: 10, base: 12_345, tax: 1_235, stated: true },
          { rate: 8, base: 6_789, tax: 543, stated: false },
          { rate: 0, base: 500, tax: 0, stated: false },
        ],
        total: 19_634 + 1_235 + 543,
      },
    });
  });

  it('refuses a discount taking a rate below zero, naming the rate', () => {
    const result = assess(invoice([line(5_000, 10), line(1_000, 8), line(-1_001, 8)]));
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'lines' }] },
    });
    expect(!result.ok && result.refusal.message).toContain('The 8% base is -1');
  });

  it('refuses a zero total, a stated rate without lines and a rate stated twice', () => {
    expect(assess(invoice([line(1_000), line(-1_000)]))).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'lines', message: expect.stringMatching(/zero/) }] },
    });
    const result = assess(
      invoice([line(1_000)], {
        statedTaxes: [
          { rate: 10, tax: 100 },
          { rate: 8, tax: 0 },
          { rate: 10, tax: 100 },
        ],
      }),
    );
    expect(!result.ok && result.refusal.errors?.map((e) => e.path)).toEqual([
      'statedTaxes.1.rate',
      'statedTaxes.2.rate',
    ]);
  });
});

describe('assessInvoice: the registration number (適格請求書 or not)', () => {
  const oneLine = [line(100_000)];

  it('accepts an invoice without one, as not qualified', () => {
    const result = assessInvoice(invoice(oneLine), contract, individual, procurement, TODAY);
    expect(result).toMatchObject({ ok: true, value: { qualified: false, total: 110_000 } });
  });

  it('qualifies an invoice carrying the vendor’s own number', () => {
    const result = assessInvoice(
      invoice(oneLine, { registrationNumber: REGISTRATION }),
      contract,
      corporation,
      procurement,
      TODAY,
    );
    expect(result).toMatchObject({ ok: true, value: { qualified: true } });
  });

  it.each([
    ['another vendor’s number', corporation, /does not match the vendor's \(T1234567890123\)/],
    ['any number when the vendor has none on file', individual, /no registration number on file/],
    ['any number when the vendor is not known here yet', undefined, /not known here yet/],
  ])('refuses %s (422 at registrationNumber)', (_, vendor, message) => {
    const result = assessInvoice(
      invoice(oneLine, { registrationNumber: 'T4011001098993' }),
      contract,
      vendor,
      procurement,
      TODAY,
    );
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'registrationNumber' }] },
    });
    expect(!result.ok && result.refusal.message).toMatch(message);
  });
});

describe('assessInvoice: the arrival date starts the clock (支払遅延防止法 Art. 5, 6)', () => {
  it('a claim that arrived 12/01 and is keyed in 12/07 is due 2026-12-30, not 2027-01-06', () => {
    const result = assessInvoice(
      invoice([line(1_000)], { issueDate: '2026-11-30', receivedOn: '2026-12-01' }),
      contract,
      corporation,
      procurement,
      '2026-12-07',
    );
    expect(result).toMatchObject({
      ok: true,
      value: { receivedOn: '2026-12-01', dueDate: '2026-12-30', inspectionDueDate: '2026-12-11' },
    });
  });

  it('works contracts: 14 days to inspect, 40 to pay', () => {
    const result = assessInvoice(
      invoice([line(1_000)], { issueDate: '2026-11-30', receivedOn: '2026-12-01' }),
      { ...contract, kind: 'works' },
      corporation,
      procurement,
      '2026-12-07',
    );
    expect(result).toMatchObject({
      ok: true,
      value: { contractKind: 'works', dueDate: '2027-01-08', inspectionDueDate: '2026-12-15' },
    });
  });

  it('a vendor’s submission arrives today; a vendor may not date it (403 at receivedOn)', () => {
    expect(
      assessInvoice(invoice([line(1_000)]), contract, corporation, vendorUser, TODAY),
    ).toMatchObject({
      ok: true,
      value: { receivedOn: TODAY },
    });
    const dated = invoice([line(1_000)], { receivedOn: '2026-11-21' });
    expect(assessInvoice(dated, contract, corporation, vendorUser, TODAY)).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden', errors: [{ path: 'receivedOn' }] },
    });
  });

  it.each([
    ['after today', { receivedOn: '2026-11-25' }, 'receivedOn'],
    ['before the issue date', { receivedOn: '2026-11-19' }, 'receivedOn'],
    ['an invoice dated after today, arriving today', { issueDate: '2026-11-25' }, 'issueDate'],
  ])('refuses an arrival %s (422)', (_, extra, path) => {
    const result = assessInvoice(
      invoice([line(1_000)], extra),
      contract,
      corporation,
      procurement,
      TODAY,
    );
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path }] },
    });
  });
});

describe('the issue date: not after today, not older than the 5-year prescription (地方自治法 Art. 236)', () => {
  it.each([
    ['today', TODAY, true],
    ['tomorrow', '2026-11-25', false],
    ['2099-12-31', '2099-12-31', false],
    ['five years ago to the day', '2021-11-24', true],
    ['a day more than five years ago', '2021-11-23', false],
    ['1970-01-01', '1970-01-01', false],
  ])('an invoice dated %s: accepted %s', (_, issueDate, accepted) => {
    // Arriving on its own date, so that only the issue date can refuse it.
    const result = assessInvoice(
      invoice([line(1_000)], { issueDate, receivedOn: issueDate <= TODAY ? issueDate : TODAY }),
      { ...contract, fiscalYear: fiscalYearOf(issueDate) },
      corporation,
      procurement,
      TODAY,
    );
    const refusedAtIssueDate = {
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'issueDate' }] },
    };
    if (accepted) expect(result).toMatchObject({ ok: true });
    else expect(result).toMatchObject(refusedAtIssueDate);
  });

  it('counts five years back from 29 February as from the 28th in a common year', () => {
    expect(decideIssueDate('2023-02-28', '2028-02-29')).toEqual({ ok: true, value: '2023-02-28' });
    expect(decideIssueDate('2023-02-27', '2028-02-29')).toMatchObject({ ok: false });
    expect(decideIssueDate('2024-02-28', '2029-02-28')).toMatchObject({ ok: true });
    expect(decideIssueDate('2024-02-27', '2029-02-28')).toMatchObject({ ok: false });
    expect(decideIssueDate('2024-03-01', '2029-03-01')).toMatchObject({ ok: true });
  });

  it('names the limit it refuses by', () => {
    const future = decideIssueDate('2026-12-01', TODAY);
    expect(!future.ok && future.refusal.message).toMatch(/after today \(2026-11-24\)/);
    const old = decideIssueDate('2020-01-01', TODAY);
    expect(!old.ok && old.refusal.message).toMatch(/before 2021-11-24.*地方自治法 Art\. 236/);
  });

  it('holds for any day: accepted exactly from five years back to today', () => {
    const days = fc.integer({ min: -3_000, max: 400 });
    fc.assert(
      fc.property(days, (offset) => {
        const issueDate = addCalendarDays(TODAY, -offset);
        const accepted = decideIssueDate(issueDate, TODAY).ok;
        expect([issueDate, accepted]).toEqual([
          issueDate,
          issueDate <= TODAY && issueDate >= '2021-11-24',
        ]);
      }),
      { seed: 236 },
    );
  });
});

describe('assessInvoice: withholding (所得税法 Art. 204)', () => {
  const assess = (request: Request, vendor: VendorTerms = individual) =>
    assessInvoice(request, { ...contract, amount: 10_000_000 }, vendor, procurement, TODAY);

  it('withholds 10,210 of a 100,000 fee: 99,790 of a 110,000 tax-excluded invoice is paid', () => {
    expect(assess(invoice([line(100_000, 10, true)]))).toMatchObject({
      ok: true,
      value: { total: 110_000, withholdingTax: 10_210, netAmount: 99_790 },
    });
  });

  it('a ¥100,000 fee invoice with a total of 100,000 transfers ¥89,790 (the issue’s vector)', () => {
    expect(assess(invoice([line(100_000, 0, true)]))).toMatchObject({
      ok: true,
      value: { total: 100_000, withholdingTax: 10_210, netAmount: 89_790 },
    });
    expect(
      assess(invoice([line(100_000, 10, true)], { amountsInclude: 'tax-included' })),
    ).toMatchObject({
      ok: true,
      value: { total: 100_000, withholdingTax: 10_210, netAmount: 89_790 },
    });
  });

  it('withholds only the marked lines, 20.42% beyond 1,000,000', () => {
    // Fee 1,500,000 → 102,100 + 102,100; travel expenses 30,000 are not a fee.
    expect(assess(invoice([line(1_500_000, 10, true), line(30_000, 10)]))).toMatchObject({
      ok: true,
      value: { total: 1_683_000, withholdingTax: 204_200, netAmount: 1_478_800 },
    });
    expect(assess(invoice([line(1_234_567, 0, true)]))).toMatchObject({
      ok: true,
      value: { withholdingTax: 149_998, netAmount: 1_084_569 },
    });
  });

  it('refuses withholding on a corporation’s invoice (422 at the line)', () => {
    const result = assess(invoice([line(1_000), line(100_000, 10, true)]), corporation);
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'lines.1.withholding' }] },
    });
  });

  it('refuses discounts beyond the fees, and withholding that leaves nothing to pay', () => {
    expect(
      assess(invoice([line(10_000, 10, true), line(-20_000, 10, true), line(50_000)])),
    ).toMatchObject({ ok: false, refusal: { errors: [{ path: 'lines' }] } });
    const result = assess(invoice([line(100_000, 0, true), line(-95_000, 0)]));
    expect(!result.ok && result.refusal.message).toMatch(/leaves nothing to transfer/);
  });
});

describe('assessInvoice: the contract', () => {
  const oneLine = invoice([line(100_000)]); // total 110,000

  it('refuses a vendor user invoicing another vendor’s contract', () => {
    const other: AuthUser = { ...vendorUser, vendorId: OTHER_VENDOR };
    const result = assessInvoice(oneLine, contract, corporation, other, TODAY);
    expect(result).toMatchObject({ ok: false, refusal: { errors: [{ path: 'contractId' }] } });
  });

  it('lets a vendor user invoice its own contract and procurement invoice any contract', () => {
    expect(assessInvoice(oneLine, contract, corporation, vendorUser, TODAY).ok).toBe(true);
    const otherContract = { ...contract, vendorId: OTHER_VENDOR };
    expect(assessInvoice(oneLine, otherContract, corporation, procurement, TODAY).ok).toBe(true);
  });

  it.each(['completed', 'cancelled'] as const)('refuses a %s contract', (closedOutcome) => {
    const result = assessInvoice(
      oneLine,
      { ...contract, closedOutcome },
      corporation,
      procurement,
      TODAY,
    );
    expect(result).toMatchObject({
      ok: false,
      refusal: { message: `The contract is ${closedOutcome}: it takes no more invoices` },
    });
  });

  it('accepts a total equal to the remaining amount and refuses one yen more', () => {
    const exact = { ...contract, amount: 210_000, invoicedTotal: 100_000 };
    expect(assessInvoice(oneLine, exact, corporation, procurement, TODAY).ok).toBe(true);
    const short = { ...exact, invoicedTotal: 100_001 };
    const result = assessInvoice(oneLine, short, corporation, procurement, TODAY);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.refusal.message).toMatch(
      /exceeds the contract's remaining amount 109999/,
    );
  });

  it('counts the remaining amount from an amended amount, never below zero', () => {
    const decreased = { ...contract, amount: 100_000, invoicedTotal: 150_000 };
    const result = assessInvoice(invoice([line(1, 0)]), decreased, corporation, procurement, TODAY);
    expect(!result.ok && result.refusal.message).toMatch(/remaining amount 0$/);
  });

  it('puts a multi-year contract’s payment in the fiscal year the claim arrived', () => {
    const multiYear = {
      ...contract,
      schedule: [
        { fiscalYear: 2026, amount: 400_000, invoicedTotal: 0 },
        { fiscalYear: 2027, amount: 600_000, invoicedTotal: 0 },
      ],
    };
    const request = invoice([line(1_000)], { issueDate: '2027-04-10' });
    expect(assessInvoice(request, multiYear, corporation, procurement, '2027-04-12')).toMatchObject(
      {
        ok: true,
        value: { fiscalYear: 2027 },
      },
    );
  });

  it('refuses an invoice taking its fiscal year beyond the scheduled amount, naming the figures', () => {
    // Fiscal year 2026 has 100,000 of its 400,000 left; the contract as a whole has 700,000.
    const multiYear = {
      ...contract,
      invoicedTotal: 300_000,
      schedule: [
        { fiscalYear: 2026, amount: 400_000, invoicedTotal: 300_000 },
        { fiscalYear: 2027, amount: 600_000, invoicedTotal: 0 },
      ],
    };
    const assess = (amount: number, today: string) =>
      assessInvoice(invoice([line(amount, 0)]), multiYear, corporation, procurement, today);
    expect(assess(100_000, TODAY)).toMatchObject({ ok: true, value: { fiscalYear: 2026 } });
    expect(assess(100_001, TODAY)).toMatchObject({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message:
          'The invoice total 100001 exceeds what fiscal year 2026 has left of its scheduled 400000: 100000 (300000 invoiced)',
      },
    });
    // The same claim arriving in fiscal year 2027 is 2027's, which has room.
    expect(assess(100_001, '2027-04-12')).toMatchObject({ ok: true, value: { fiscalYear: 2027 } });
  });

  describe('amounts no transfer can carry (422 at lines)', () => {
    const unlimited = { ...contract, amount: Number.MAX_SAFE_INTEGER };
    const assess = (lines: InvoiceLine[]) =>
      assessInvoice(invoice(lines), unlimited, corporation, procurement, TODAY);

    it.each([
      [
        'two largest safe lines at 0%',
        [line(Number.MAX_SAFE_INTEGER, 0), line(Number.MAX_SAFE_INTEGER, 0)],
      ],
      ['1e15 at 10% (the tax cannot be computed exactly)', [line(1e15, 10)]],
      [
        '9007199254740000 at 10% (the total passes the largest safe integer)',
        [line(9_007_199_254_740_000, 10)],
      ],
    ])('refuses totals beyond exact arithmetic instead of throwing: %s', (_, lines) => {
      const result = assess(lines);
      expect(result).toMatchObject({ ok: false, refusal: { errors: [{ path: 'lines' }] } });
      expect(!result.ok && result.refusal.message).toMatch(/too large to compute exactly/);
    });

    it('accepts a total of exactly 9,999,999,999 yen and refuses one yen more', () => {
      // 9,090,909,090 + 10% tax 909,090,909 = 9,999,999,999.
      expect(assess([line(9_090_909_090, 10)])).toMatchObject({
        ok: true,
        value: { total: MAX_TRANSFER_AMOUNT },
      });
      const result = assess([line(9_090_909_090, 10), line(1, 0)]);
      expect(result).toMatchObject({ ok: false, refusal: { errors: [{ path: 'lines' }] } });
      expect(!result.ok && result.refusal.message).toContain(
        'a single transfer can carry at most 9,999,999,999 yen; split the invoice',
      );
    });

    it('either accepts a total one transfer can carry or refuses at lines, never throws', () => {
      const anyLine = fc.record({
        description: fc.constant('x'),
        amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        taxRate: fc.constantFrom(10 as const, 8 as const, 0 as const),
      });
      fc.assert(
        fc.property(fc.array(anyLine, { minLength: 1, maxLength: 5 }), (lines) => {
          const result = assess(lines);
          if (result.ok) expect(result.value.total).toBeLessThanOrEqual(MAX_TRANSFER_AMOUNT);
          else expect(result.refusal.errors?.[0]?.path).toBe('lines');
        }),
      );
    });
  });
});

describe('paymentFiscalYear', () => {
  const twoYears = [
    { fiscalYear: 2026, amount: 1 },
    { fiscalYear: 2027, amount: 1 },
  ];

  it('is the contract’s year for a single-year contract, also in the 出納整理期間', () => {
    expect(paymentFiscalYear({ fiscalYear: 2026 }, '2027-05-20')).toEqual({
      ok: true,
      value: 2026,
    });
    expect(
      paymentFiscalYear(
        { fiscalYear: 2026, schedule: [{ fiscalYear: 2026, amount: 1 }] },
        '2026-10-01',
      ),
    ).toEqual({ ok: true, value: 2026 });
  });

  it.each([
    ['2027-03-31', 2026],
    ['2027-04-01', 2027],
    ['2028-05-31', 2027], // the last year's claims in its 出納整理期間
  ])('multi-year 2026–2027: a claim arriving %s belongs to %d', (receivedOn, year) => {
    expect(paymentFiscalYear({ fiscalYear: 2026, schedule: twoYears }, receivedOn)).toEqual({
      ok: true,
      value: year,
    });
  });

  it('refuses a claim arriving in a year the schedule has no amount for', () => {
    expect(paymentFiscalYear({ fiscalYear: 2026, schedule: twoYears }, '2028-06-01')).toMatchObject(
      {
        ok: false,
        refusal: {
          code: 'unprocessable',
          errors: [{ path: 'receivedOn', message: expect.stringContaining('fiscal year 2028') }],
        },
      },
    );
  });
});

describe('decideOrderFiscalYear (出納閉鎖)', () => {
  it('orders in an open year and refuses a closed one, naming it', () => {
    expect(decideOrderFiscalYear(2026, false)).toEqual({ ok: true, value: 2026 });
    expect(decideOrderFiscalYear(2026, true)).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', message: expect.stringContaining('Fiscal year 2026') },
    });
  });
});

describe('inspection deadlines', () => {
  it('is overdue only while received, from the day after the deadline', () => {
    const invoiceOn = (status: 'received' | 'inspected') => ({
      status,
      inspectionDueDate: '2026-12-11',
    });
    expect(isInspectionOverdue(invoiceOn('received'), '2026-12-11')).toBe(false);
    expect(isInspectionOverdue(invoiceOn('received'), '2026-12-12')).toBe(true);
    expect(isInspectionOverdue(invoiceOn('inspected'), '2026-12-20')).toBe(false);
  });

  it.each([
    ['2026-12-10', 0, '2026-12-30'],
    ['2026-12-14', 3, '2026-12-28'], // received 12-01: 12-31 − 3 days
    ['2026-12-16', 5, '2026-12-25'], // 12-26 is a Saturday
  ])('inspected %s: %d days late, due %s (Art. 7)', (inspectedOn, lateDays, dueDate) => {
    expect(
      deadlineAtInspection({ receivedOn: '2026-12-01', contractKind: 'services' }, inspectedOn),
    ).toEqual({ lateDays, dueDate });
  });
});

describe('decideOrderWithinContract (the encumbrance the payment order spends)', () => {
  const open = { amount: 1_000_000, invoicedTotal: 1_000_000, releasedAmount: 0 };

  it('orders within the amount, and refuses above an amount decreased since', () => {
    expect(decideOrderWithinContract(open, 2026)).toEqual({ ok: true, value: undefined });
    expect(decideOrderWithinContract({ ...open, amount: 999_999 }, 2026)).toMatchObject({
      ok: false,
      refusal: {
        code: 'unprocessable',
        message: expect.stringContaining('total 1000000, above its amount 999999'),
      },
    });
  });

  it('counts a completed contract by what its closure kept, a cancelled one keeps nothing', () => {
    const completed = {
      ...open,
      invoicedTotal: 600_000,
      closedOutcome: 'completed' as const,
      releasedAmount: 400_000,
    };
    expect(decideOrderWithinContract(completed, 2026).ok).toBe(true);
    expect(
      decideOrderWithinContract({ ...completed, releasedAmount: 400_001 }, 2026),
    ).toMatchObject({
      ok: false,
      refusal: { message: expect.stringMatching(/^The contract was completed keeping 599999 /) },
    });
    const cancelled = {
      ...open,
      invoicedTotal: 1,
      closedOutcome: 'cancelled' as const,
      releasedAmount: 1_000_000,
    };
    expect(decideOrderWithinContract(cancelled, 2026)).toMatchObject({
      ok: false,
      refusal: { message: expect.stringMatching(/^The contract was cancelled keeping 0 /) },
    });
  });

  it('refuses only the year whose invoices exceed its scheduled amount', () => {
    const multiYear = {
      ...open,
      invoicedTotal: 500_000,
      schedule: [
        { fiscalYear: 2026, amount: 300_000, invoicedTotal: 400_000 },
        { fiscalYear: 2027, amount: 700_000, invoicedTotal: 100_000 },
      ],
    };
    expect(decideOrderWithinContract(multiYear, 2027).ok).toBe(true);
    expect(decideOrderWithinContract(multiYear, 2026)).toMatchObject({
      ok: false,
      refusal: {
        message: expect.stringContaining(
          'fiscal year 2026 total 400000, above its scheduled amount 300000',
        ),
      },
    });
  });
});

describe('invoice state machine', () => {
  const table: [InvoiceAction, string, boolean][] = [
    ['inspect', 'received', true],
    ['inspect', 'inspected', false],
    ['inspect', 'approved', false],
    ['inspect', 'rejected', false],
    ['approve', 'received', false],
    ['approve', 'inspected', true],
    ['approve', 'approved', false],
    ['approve', 'rejected', false],
    ['reject', 'received', true],
    ['reject', 'inspected', true],
    ['reject', 'approved', false],
    ['reject', 'rejected', false],
  ];
  it.each(table)('%s from %s: %s', (action, status, allowed) => {
    expect(canApply(action, status as 'received')).toBe(allowed);
  });

  it('leads each action to its status', () => {
    expect([statusAfter('inspect'), statusAfter('approve'), statusAfter('reject')]).toEqual([
      'inspected',
      'approved',
      'rejected',
    ]);
  });
});

describe('documentNumberPrefix', () => {
  it('is the kind and the fiscal year; the database pads the sequence to six digits after it', () => {
    expect(documentNumberPrefix('PO', 2026)).toBe('PO-2026-');
    expect(documentNumberPrefix('IV', 2027)).toBe('IV-2027-');
    expect(DOCUMENT_SEQUENCE_DIGITS).toBe(6);
  });
});

describe('separation of duties', () => {
  it('refuses the payment order to whoever received or inspected the invoice', () => {
    const invoiceRecord = { createdBy: 'alice', inspectedBy: 'bob' };
    expect(mayIssuePaymentOrder('alice', invoiceRecord)).toBe(false);
    expect(mayIssuePaymentOrder('bob', invoiceRecord)).toBe(false);
    expect(mayIssuePaymentOrder('carol', invoiceRecord)).toBe(true);
  });

  it('refuses the inspection to whoever registered the invoice (403)', () => {
    expect(decideInspector('alice', { createdBy: 'alice' })).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(decideInspector('bob', { createdBy: 'alice' })).toEqual({ ok: true, value: 'bob' });
  });
});
