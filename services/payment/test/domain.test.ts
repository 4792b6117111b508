import {
  addCalendarDays,
  isBankBusinessDay,
  MAX_FILE_TOTAL,
  MAX_TRANSFER_AMOUNT,
} from '@denpyo/jp';
import type { Outcome } from '@denpyo/platform/outcome';
import fc from 'fast-check';
import { bankAccountProblem } from '../src/domain/bank-account';
import {
  remittanceMailRetryDelayMs,
  remittanceNotice,
  zenginFileName,
  zenginInput,
} from '../src/domain/documents';
import {
  batchMembershipErrors,
  batchTotal,
  decideApproval,
  decideBatchMembers,
  decideDraftChange,
  decideOpenYears,
  decideRemittanceNotice,
  decideSettlement,
  decideTransferDate,
  decideZenginIssue,
  lateTransferErrors,
  transferDateProblem,
  zenginLimitErrors,
  type BatchCandidate,
} from '../src/domain/transfer-batch';
import { TEST_REQUESTER } from './helpers';

/** The refusal code of an outcome, undefined when it is allowed. */
const codeOf = (outcome: Outcome<unknown>) => (outcome.ok ? undefined : outcome.refusal.code);

const ACCOUNT = {
  bankCode: '0001',
  branchCode: '001',
  type: 'ordinary',
  number: '1234567',
  holderKana: 'ｶ)ﾃｽﾄ',
} as const;

describe('transferDateProblem', () => {
  const today = '2026-11-24'; // a Tuesday

  test('accepts today and later bank business days', () => {
    expect(transferDateProblem('2026-11-24', today)).toBeUndefined();
    expect(transferDateProblem('2026-11-25', today)).toBeUndefined();
  });

  test.each([
    ['2026-11-20', 'in the past'],
    ['2026-11-28', 'not a bank business day'], // Saturday
    ['2026-11-29', 'not a bank business day'], // Sunday
    ['2027-02-23', 'not a bank business day'], // 天皇誕生日, a Tuesday
    ['2026-12-31', 'not a bank business day'], // year-end closure
    ['2099-01-05', 'no holiday data'],
  ])('refuses %s (%s)', (date, reason) => {
    expect(transferDateProblem(date, today)).toContain(reason);
  });

  test('agrees with the bank calendar for every date from today on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (offset) => {
        const date = addCalendarDays(today, offset);
        expect(transferDateProblem(date, today) === undefined).toBe(isBankBusinessDay(date));
      }),
    );
  });

  test('decideTransferDate refuses with 422 naming the transferDate field', () => {
    expect(decideTransferDate('2026-11-25', today)).toEqual({ ok: true, value: '2026-11-25' });
    expect(decideTransferDate('2026-11-28', today)).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'transferDate' }] },
    });
  });
});

describe('batchMembershipErrors', () => {
  const candidate = (id: string, overrides: Partial<BatchCandidate> = {}): BatchCandidate => ({
    id,
    status: 'confirmed',
    vendorId: 'v1',
    netAmount: 1000,
    dueDate: '2026-12-25',
    fiscalYear: 2026,
    ...overrides,
  });

  test('names each payment that is missing, unconfirmed, of a closed year or has no usable account, at its index', () => {
    const errors = batchMembershipErrors(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [
        candidate('a'),
        candidate('c', { status: 'batched' }),
        candidate('d', { vendorId: 'v2' }),
        candidate('e', { status: 'scheduled' }),
        candidate('f', { fiscalYear: 2025 }),
      ],
      (vendorId) => (vendorId === 'v2' ? 'no account' : undefined),
      new Set([2025]),
    );
    expect(errors).toEqual([
      { path: 'paymentIds.1', message: 'payment b does not exist' },
      { path: 'paymentIds.2', message: 'payment c is batched, not confirmed' },
      { path: 'paymentIds.3', message: 'payment d: no account' },
      { path: 'paymentIds.4', message: 'payment e is not yet confirmed by a treasurer' },
      { path: 'paymentIds.5', message: 'payment f: fiscal year 2025 is closed' },
    ]);
  });

  test('a transfer after a due date needs a lateReason, naming each late payment', () => {
    const found = [
      candidate('a', { dueDate: '2026-12-01' }),
      candidate('b', { dueDate: '2026-12-02' }),
    ];
    expect(lateTransferErrors(['a', 'b'], found, '2026-12-02', undefined)).toEqual([
      {
        path: 'paymentIds.0',
        message:
          'payment a is due 2026-12-01, before the transfer date 2026-12-02: give a lateReason',
      },
    ]);
    expect(lateTransferErrors(['a', 'b'], found, '2026-12-02', '決裁遅延のため')).toEqual([]);
    expect(lateTransferErrors(['a', 'b'], found, '2026-12-01', undefined)).toEqual([]);
  });

  test('is empty exactly when every payment can be batched', () => {
    const statuses = fc.constantFrom(
      'scheduled',
      'confirmed',
      'batched',
      'paid',
      'failed' as const,
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.uuid(),
            status: statuses,
            known: fc.boolean(),
            accountOk: fc.boolean(),
          }),
          {
            selector: (p) => p.id,
            minLength: 1,
          },
        ),
        (payments) => {
          const found = payments
            .filter((p) => p.known)
            .map((p) => candidate(p.id, { status: p.status, vendorId: p.id }));
          const okVendors = new Set(payments.filter((p) => p.accountOk).map((p) => p.id));
          const errors = batchMembershipErrors(
            payments.map((p) => p.id),
            found,
            (vendorId) => (okVendors.has(vendorId) ? undefined : 'no account'),
          );
          const bad = payments.filter((p) => !p.known || p.status !== 'confirmed' || !p.accountOk);
          expect(errors).toHaveLength(bad.length);
        },
      ),
    );
  });
});

describe('zenginLimitErrors and batchTotal', () => {
  test('the total is the sum of the net amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1e9 })), (amounts) => {
        expect(batchTotal(amounts.map((netAmount) => ({ netAmount })))).toBe(
          amounts.reduce((a, b) => a + b, 0),
        );
      }),
    );
  });

  test('refuses a transfer or a file larger than the Zengin fields', () => {
    const big = {
      id: 'a',
      status: 'confirmed',
      vendorId: 'v',
      netAmount: MAX_TRANSFER_AMOUNT + 1,
      dueDate: '2026-12-25',
      fiscalYear: 2026,
    } as const;
    expect(zenginLimitErrors(['a'], [big])).toEqual([
      expect.objectContaining({ path: 'paymentIds.0' }),
    ]);
    const many = Array.from({ length: 101 }, (_, i) => ({
      ...big,
      id: String(i),
      netAmount: MAX_TRANSFER_AMOUNT,
    }));
    expect(
      zenginLimitErrors(
        many.map((p) => p.id),
        many,
      ),
    ).toEqual([
      expect.objectContaining({
        path: 'paymentIds',
        message: expect.stringContaining(String(MAX_FILE_TOTAL)),
      }),
    ]);
    expect(zenginLimitErrors(['a'], [{ ...big, netAmount: MAX_TRANSFER_AMOUNT }])).toEqual([]);
  });

  test('decideBatchMembers gives the total, or a 422 with every membership and limit error', () => {
    const payment = (id: string, netAmount: number) =>
      ({
        id,
        status: 'confirmed',
        vendorId: 'v',
        netAmount,
        dueDate: '2026-12-25',
        fiscalYear: 2026,
      }) as const;
    const noProblem = () => undefined;
    const onTime = { transferDate: '2026-12-25' };
    expect(
      decideBatchMembers(
        ['a', 'b'],
        [payment('a', 5), payment('b', 7)],
        noProblem,
        new Set(),
        onTime,
      ),
    ).toEqual({
      ok: true,
      value: 12,
    });
    const refused = decideBatchMembers(
      ['a', 'b'],
      [payment('a', MAX_TRANSFER_AMOUNT + 1)],
      noProblem,
      new Set(),
      onTime,
    );
    expect(refused).toMatchObject({
      ok: false,
      refusal: {
        code: 'unprocessable',
        errors: [
          { path: 'paymentIds.1', message: 'payment b does not exist' },
          { path: 'paymentIds.0', message: expect.stringContaining('exceeds') },
        ],
      },
    });
  });
});

describe('batch transitions', () => {
  const today = '2026-11-24'; // a Tuesday
  const draft = { status: 'draft', createdBy: 'alice', transferDate: '2026-11-25' } as const;
  const pastDate = '2026-11-20'; // the previous Friday, a business day when the batch was made

  test('four eyes: the creator never approves, another treasurer approves a draft once', () => {
    expect(codeOf(decideApproval(draft, 'alice', today))).toBe('forbidden');
    expect(codeOf(decideApproval(draft, 'bob', today))).toBeUndefined();
    expect(codeOf(decideApproval({ ...draft, status: 'approved' }, 'bob', today))).toBe('conflict');
  });

  test('a draft whose transfer date has passed is not approved (422 naming the date)', () => {
    expect(codeOf(decideApproval({ ...draft, transferDate: today }, 'bob', today))).toBeUndefined();
    const refused = decideApproval({ ...draft, transferDate: pastDate }, 'bob', today);
    expect(codeOf(refused)).toBe('unprocessable');
    expect(!refused.ok && refused.refusal.message).toContain(pastDate);
  });

  test('the Zengin file needs approval; settling needs an approved batch', () => {
    expect(codeOf(decideZenginIssue(draft, today))).toBe('conflict');
    expect(codeOf(decideZenginIssue({ ...draft, status: 'approved' }, today))).toBeUndefined();
    expect(codeOf(decideZenginIssue({ ...draft, status: 'settled' }, today))).toBeUndefined();
    const settle = (status: 'draft' | 'approved' | 'settled' | 'cancelled') =>
      codeOf(
        decideSettlement({
          batch: { ...draft, status, transferDate: today, paymentIds: ['p'] },
          today,
          failures: [],
        }),
      );
    expect(settle('approved')).toBeUndefined();
    expect(settle('settled')).toBe('conflict');
    expect(settle('draft')).toBe('conflict');
    expect(settle('cancelled')).toBe('conflict');
  });

  test('settling waits for the transfer date and takes failures of the batch only', () => {
    const batch = {
      ...draft,
      status: 'approved',
      transferDate: '2026-11-25',
      paymentIds: ['p1', 'p2'],
    } as const;
    const early = decideSettlement({ batch, today, failures: [] });
    expect(codeOf(early)).toBe('unprocessable');
    expect(!early.ok && early.refusal.message).toContain('2026-11-25');
    expect(
      codeOf(
        decideSettlement({
          batch,
          today: '2026-11-25',
          failures: [{ paymentId: 'p2', reason: '口座なし' }],
        }),
      ),
    ).toBeUndefined();
    expect(
      decideSettlement({
        batch,
        today: '2026-11-26',
        failures: [{ paymentId: 'p3', reason: '口座なし' }],
      }),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'unprocessable', errors: [{ path: 'failures.0.paymentId' }] },
    });
  });

  test('only a draft is cancelled or re-dated; a closed year moves nothing', () => {
    expect(codeOf(decideDraftChange(draft, 'cancelled'))).toBeUndefined();
    expect(codeOf(decideDraftChange({ ...draft, status: 'approved' }, 're-dated'))).toBe(
      'conflict',
    );
    expect(codeOf(decideOpenYears([2026, 2025], new Set([2024])))).toBeUndefined();
    const closed = decideOpenYears([2026, 2025], new Set([2025]));
    expect(codeOf(closed)).toBe('unprocessable');
    expect(!closed.ok && closed.refusal.message).toContain('2025');
  });

  test('no Zengin file for an unsettled batch whose transfer date has passed; a settled one stays downloadable', () => {
    const approvedPast = { ...draft, status: 'approved', transferDate: pastDate } as const;
    const refused = decideZenginIssue(approvedPast, today);
    expect(codeOf(refused)).toBe('unprocessable');
    expect(!refused.ok && refused.refusal.message).toContain(pastDate);
    expect(
      codeOf(decideZenginIssue({ ...approvedPast, status: 'settled' }, today)),
    ).toBeUndefined();
    expect(codeOf(decideZenginIssue({ ...approvedPast, status: 'draft' }, today))).toBe('conflict');
  });

  test('a remittance notice exists once the transfer is approved: scheduled, then settled', () => {
    expect(codeOf(decideRemittanceNotice(undefined))).toBe('conflict');
    expect(codeOf(decideRemittanceNotice({ status: 'draft' }))).toBe('conflict');
    const cancelled = decideRemittanceNotice({ status: 'cancelled' });
    expect(!cancelled.ok && cancelled.refusal.message).toContain('cancelled');
    const approved = { status: 'approved' } as const;
    expect(decideRemittanceNotice(approved)).toEqual({
      ok: true,
      value: { batch: approved, announced: 'scheduled' },
    });
    const settled = { status: 'settled' } as const;
    expect(decideRemittanceNotice(settled)).toEqual({
      ok: true,
      value: { batch: settled, announced: 'settled' },
    });
  });
});

describe('bank accounts and documents', () => {
  test('an account must name a real bank and branch and a Zengin kana holder', () => {
    expect(bankAccountProblem(ACCOUNT)).toBeUndefined();
    expect(bankAccountProblem(undefined)).toContain('not known');
    expect(bankAccountProblem({ ...ACCOUNT, bankCode: '0002' })).toContain('unknown bank');
    expect(bankAccountProblem({ ...ACCOUNT, branchCode: '999' })).toContain('unknown branch');
    expect(bankAccountProblem({ ...ACCOUNT, holderKana: '山田商店' })).toContain('Zengin kana');
  });

  test('the Zengin input carries one transfer per payment to its account', () => {
    const input = zenginInput(TEST_REQUESTER, '2026-11-25', [
      { amount: 5, bankAccount: ACCOUNT, invoiceNumber: 'INV-1' },
    ]);
    expect(input.transfers).toEqual([
      {
        bankCode: '0001',
        branchCode: '001',
        accountType: 'ordinary',
        accountNumber: '1234567',
        holderKana: 'ｶ)ﾃｽﾄ',
        amount: 5,
      },
    ]);
    expect(zenginFileName('x')).toBe('zengin-x.txt');
  });

  test('a transfer to a bank that takes EDI carries the invoice number, if Zengin can write it', () => {
    const toOtherBank = { ...ACCOUNT, bankCode: '0009' };
    const input = zenginInput(
      TEST_REQUESTER,
      '2026-11-25',
      [
        { amount: 5, bankAccount: ACCOUNT, invoiceNumber: 'inv-2026-0042' },
        { amount: 6, bankAccount: ACCOUNT, invoiceNumber: '請求第42号' },
        { amount: 7, bankAccount: toOtherBank, invoiceNumber: 'INV-2026-0043' },
      ],
      ['0001'],
    );
    expect(input.transfers.map((transfer) => transfer.ediInfo)).toEqual([
      'INV-2026-0042',
      undefined,
      undefined,
    ]);
  });

  test('a refused remittance mail is tried again after 30 s, doubling, at most hourly', () => {
    expect([1, 2, 3, 7, 8, 30].map(remittanceMailRetryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  test('the remittance notice of a vendor lists its lines; the bank and branch from zengin-code', () => {
    const line = {
      paymentId: 'p1',
      invoiceNumber: 'INV-1',
      invoiceDate: '2026-11-01',
      kind: 'invoice',
      amount: 110_000,
      withholdingTax: 10_210,
      netAmount: 99_790,
      payeeAccount: ACCOUNT,
    } as const;
    const notice = remittanceNotice({
      city: 'テスト市',
      date: '2026-11-24',
      batch: { id: 'abcdef12-0000', transferDate: '2026-11-25', announced: 'settled' },
      vendor: { id: '12345678-ffff', name: '株式会社テスト' },
      lines: [
        { ...line, result: { status: 'paid' } },
        {
          ...line,
          paymentId: 'p2',
          invoiceNumber: 'INV-2',
          withholdingTax: 0,
          netAmount: 110_000,
          result: { status: 'failed', reason: '口座なし' },
        },
      ],
    });
    expect(notice).toMatchObject({
      documentNumber: '振込-20261125-ABCDEF12-12345678',
      vendor: { name: '株式会社テスト' },
      status: 'settled',
      bankAccount: { bankName: 'みずほ銀行', branchName: '東京営業部', type: '普通' },
      items: [
        {
          invoiceNumber: 'INV-1',
          invoiceDate: '2026-11-01',
          amount: 110_000,
          kind: 'invoice',
          withholdingTax: 10_210,
          result: { status: 'paid' },
        },
        { invoiceNumber: 'INV-2', result: { status: 'failed', reason: '口座なし' } },
      ],
      // What the bank returned is not transferred.
      total: 99_790,
    });
  });
});
