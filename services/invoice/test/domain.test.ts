import fc from 'fast-check';
import { addCalendarDays, isBankBusinessDay } from '@denpyo/jp';
import type { AuthUser, InvoiceLine } from '@denpyo/schemas';
import { formatDocumentNumber } from '../src/domain/document-number';
import { canApply, statusAfter, type InvoiceAction } from '../src/domain/invoice-state';
import { MAX_TRANSFER_AMOUNT } from '@denpyo/jp';
import { assessInvoice, type ContractTerms } from '../src/domain/receipt';
import { mayIssuePaymentOrder } from '../src/domain/separation-of-duties';

const VENDOR = '7f1e5a3c-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
const OTHER_VENDOR = '11111111-2222-4333-8444-555555555555';
const REGISTRATION = 'T1234567890123';
const procurement: AuthUser = { username: 'alice', roles: ['procurement'] };
const vendorUser: AuthUser = { username: 'acme', roles: ['vendor'], vendorId: VENDOR };
const contract: ContractTerms = { vendorId: VENDOR, amount: 1_000_000, invoicedTotal: 0 };

function invoice(lines: InvoiceLine[], registrationNumber = REGISTRATION) {
  return { registrationNumber, lines };
}

describe('assessInvoice', () => {
  it('computes tax once per rate, rounded down, for mixed 10% and 8% lines', () => {
    // Per line the tax would be 10+10 and 10+10; per rate it is floor(21.0) and floor(21.6).
    const result = assessInvoice(
      invoice([
        { description: '工事', amount: 105, taxRate: 10 },
        { description: '飲料', amount: 135, taxRate: 8 },
        { description: '資材', amount: 105, taxRate: 10 },
        { description: '食品', amount: 135, taxRate: 8 },
      ]),
      contract,
      undefined,
      procurement,
      '2026-11-24',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        subtotal: 480,
        taxes: [
          { rate: 10, base: 210, tax: 21 },
          { rate: 8, base: 270, tax: 21 },
        ],
        total: 522,
        receivedOn: '2026-11-24',
        dueDate: '2026-12-24',
      },
    });
  });

  it('moves a due date that falls in the year-end closure back to a bank business day', () => {
    // 2026-12-02 + 30 days = 2027-01-01 (closed), 12-31 closed too: 2026-12-30 (Wednesday).
    const result = assessInvoice(
      invoice([{ description: 'x', amount: 1000, taxRate: 10 }]),
      contract,
      undefined,
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
          invoice([{ description: 'x', amount: 1, taxRate: 0 }]),
          contract,
          undefined,
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
    const line = fc.record({
      description: fc.constant('item'),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      taxRate: fc.constantFrom(10 as const, 8 as const, 0 as const),
    });
    const bigContract = { ...contract, amount: Number.MAX_SAFE_INTEGER };
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const result = assessInvoice(
          invoice(lines),
          bigContract,
          undefined,
          procurement,
          '2026-11-24',
        );
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

  const oneLine = invoice([{ description: 'x', amount: 100_000, taxRate: 10 }]); // total 110,000

  it('refuses a vendor user invoicing another vendor’s contract', () => {
    const other: AuthUser = { ...vendorUser, vendorId: OTHER_VENDOR };
    const result = assessInvoice(oneLine, contract, undefined, other, '2026-11-24');
    expect(result).toMatchObject({ ok: false, refusal: { errors: [{ path: 'contractId' }] } });
  });

  it('lets a vendor user invoice its own contract and procurement invoice any contract', () => {
    expect(assessInvoice(oneLine, contract, undefined, vendorUser, '2026-11-24').ok).toBe(true);
    const otherContract = { ...contract, vendorId: OTHER_VENDOR };
    expect(assessInvoice(oneLine, otherContract, undefined, procurement, '2026-11-24').ok).toBe(
      true,
    );
  });

  it('refuses a registration number other than the vendor’s registered one', () => {
    const vendor = { invoiceRegistrationNumber: 'T7000012050002' };
    const result = assessInvoice(oneLine, contract, vendor, procurement, '2026-11-24');
    expect(result).toMatchObject({
      ok: false,
      refusal: { errors: [{ path: 'registrationNumber' }] },
    });
  });

  it('accepts any registration number when the vendor has none on record or is not known yet', () => {
    const unregistered = { invoiceRegistrationNumber: null };
    expect(assessInvoice(oneLine, contract, unregistered, procurement, '2026-11-24').ok).toBe(true);
    expect(assessInvoice(oneLine, contract, undefined, procurement, '2026-11-24').ok).toBe(true);
  });

  it('accepts a total equal to the remaining amount and refuses one yen more', () => {
    const exact = { ...contract, amount: 210_000, invoicedTotal: 100_000 };
    expect(assessInvoice(oneLine, exact, undefined, procurement, '2026-11-24').ok).toBe(true);
    const short = { ...exact, invoicedTotal: 100_001 };
    const result = assessInvoice(oneLine, short, undefined, procurement, '2026-11-24');
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.refusal.message).toMatch(
      /exceeds the contract's remaining amount 109999/,
    );
  });

  describe('amounts no transfer can carry (422 at lines)', () => {
    const unlimited = { ...contract, amount: Number.MAX_SAFE_INTEGER };
    const assess = (lines: InvoiceLine[]) =>
      assessInvoice(invoice(lines), unlimited, undefined, procurement, '2026-11-24');
    const line = (amount: number, taxRate: 10 | 8 | 0) => ({ description: 'x', amount, taxRate });

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

describe('formatDocumentNumber', () => {
  it('pads the sequence to six digits', () => {
    expect(formatDocumentNumber('PO', 2026, 45)).toBe('PO-2026-000045');
    expect(formatDocumentNumber('IV', 2027, 123456)).toBe('IV-2027-123456');
  });

  it('refuses a sequence that is not a positive integer', () => {
    expect(() => formatDocumentNumber('PO', 2026, 0)).toThrow(RangeError);
    expect(() => formatDocumentNumber('PO', 2026, 1.5)).toThrow(RangeError);
  });
});

describe('mayIssuePaymentOrder', () => {
  it('refuses whoever received or inspected the invoice', () => {
    const invoiceRecord = { createdBy: 'alice', inspectedBy: 'bob' };
    expect(mayIssuePaymentOrder('alice', invoiceRecord)).toBe(false);
    expect(mayIssuePaymentOrder('bob', invoiceRecord)).toBe(false);
    expect(mayIssuePaymentOrder('carol', invoiceRecord)).toBe(true);
  });
});
