import {
  addCalendarDays,
  daysBetween,
  fiscalYearOf,
  isBankBusinessDay,
  previousBankBusinessDay,
} from '@denpyo/jp';
import { waitFor } from '@denpyo/platform/testing';
import type { Payment, TransferBatch } from '@denpyo/schemas';
import request from 'supertest';
import { startSystem, type RunningSystem } from './support/system';
import { zenginRecords } from './support/zengin';

// API.md "v2 — payments: order, confirm, pay" through the portal, on a clock moved forward by
// restarting the system (DENPYO_TODAY): the 支出命令 by an accountant, the treasurer's
// examination, batches under four eyes, settlement on the transfer date with a 振込不能, the
// retry after the vendor's account is corrected, a late payment and its interest (支払遅延防止法
// Art. 8), and the fiscal year's close (出納閉鎖, 地方自治法 Art. 235-5).

// The calendar, checked against the bank calendar below rather than trusted:
// - TODAY (Mon 2027-02-01): contracts concluded, invoices received, inspected and ordered.
// - LATE_RECEIVED (2027-01-25): a paper claim entered a week after it arrived; inspected on
//   TODAY, within its 10 days (inspection due 2027-02-04), so its payment period is whole.
// - TRANSFER_1 (Wed 2027-02-10): the first batch, before every due date.
// - TRANSFER_2 (Wed 2027-03-03): the second batch, after the late claim's due date.
// - MAY (2027-05-20) in the 出納整理期間 of fiscal 2026; JUNE_1 (2027-06-01) the day after it.
const TODAY = '2027-02-01';
const LATE_RECEIVED = '2027-01-25';
const TRANSFER_1 = '2027-02-10';
const TRANSFER_2 = '2027-03-03';
const MAY = '2027-05-20';
const JUNE_1 = '2027-06-01';
const FISCAL_YEAR = 2026;

/** 支払遅延防止法 Art. 6 as the invoice service applies it: 30 days, on a bank business day. */
const dueDateOf = (receivedOn: string) => previousBankBusinessDay(addCalendarDays(receivedOn, 30));

const ACCOUNT_A = {
  bankCode: '0001',
  branchCode: '001',
  type: 'ordinary',
  number: '1234567',
  holderKana: 'カ）デンピョウショウジ',
};
const ACCOUNT_B = {
  bankCode: '0001',
  branchCode: '001',
  type: 'ordinary',
  number: '2345678',
  holderKana: 'カ）デンピョウケンセツ',
};
// Vendor B's corrected account, after the bank returned the transfer as 口座なし.
const ACCOUNT_B_CORRECTED = { ...ACCOUNT_B, bankCode: '0005', number: '7654321' };

const USERS = [
  'procurement',
  'procurement2',
  'approver',
  'accountant',
  'accountant2',
  'treasurer',
  'treasurer2',
  'auditor',
  'admin',
];
// A user holding both roles (allowed by the portal): the one case where "the orderer may not
// confirm" is not already decided by the role check.
const DUAL = 'kaikei-kennin';

describe('v2 payments through the portal: order, confirm, pay, late interest, close', () => {
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  // Shared by the steps below, which run in order.
  const vendorOf: Record<'A' | 'B', string> = { A: '', B: '' };
  const contractOf: Record<'A' | 'B', string> = { A: '', B: '' };
  const invoiceOf: Record<'A1' | 'A2' | 'B1', string> = { A1: '', A2: '', B1: '' };
  const paymentOf: Record<'A1' | 'A2' | 'B1', string> = { A1: '', A2: '', B1: '' };
  let batch1 = '';
  let batch2 = '';
  let interestId = '';

  async function logIn(user: string, password = 'demo') {
    const login = await api()
      .post('/api/auth/login')
      .send({ username: user, password })
      .expect(200);
    tokens[user] = login.body.token;
  }

  async function paymentsOfInvoice(invoiceId: string): Promise<Payment[]> {
    const listed = await api()
      .get('/api/payments')
      .query({ invoiceId })
      .set(as('accountant'))
      .expect(200);
    return listed.body as Payment[];
  }

  async function payment(key: keyof typeof paymentOf): Promise<Payment> {
    const found = (await paymentsOfInvoice(invoiceOf[key])).find((p) => p.id === paymentOf[key]);
    if (!found) throw new Error(`payment ${key} not listed`);
    return found;
  }

  async function batch(id: string): Promise<TransferBatch> {
    return (await api().get(`/api/transfer-batches/${id}`).set(as('auditor')).expect(200))
      .body as TransferBatch;
  }

  beforeAll(async () => {
    system = await startSystem({ today: TODAY });
    for (const user of USERS) await logIn(user);
    await api()
      .post('/api/users')
      .set(as('admin'))
      .send({
        username: DUAL,
        password: 'kennin-password',
        displayName: '兼任 一郎',
        title: '会計課主査',
        roles: ['accountant', 'treasurer'],
      })
      .expect(201);
    await logIn(DUAL, 'kennin-password');
    // The administrator chose that password: it is replaced before the portal lets DUAL do more.
    await api()
      .post('/api/auth/password')
      .set(as(DUAL))
      .send({ currentPassword: 'kennin-password', newPassword: 'kennin-own-password' })
      .expect(200);
  }, 60_000);
  afterAll(() => system?.stop());

  it('plans its dates on the bank calendar', () => {
    for (const day of [TODAY, TRANSFER_1, TRANSFER_2]) expect(isBankBusinessDay(day)).toBe(true);
    // TODAY + 30 = 2027-03-03 (Wed); LATE_RECEIVED + 30 = 2027-02-24 (Wed): both business days.
    expect(dueDateOf(TODAY)).toBe('2027-03-03');
    expect(dueDateOf(LATE_RECEIVED)).toBe('2027-02-24');
    expect(TRANSFER_1 <= dueDateOf(TODAY)).toBe(true);
    expect(TRANSFER_2 > dueDateOf(LATE_RECEIVED) && TRANSFER_2 <= dueDateOf(TODAY)).toBe(true);
    expect(daysBetween(dueDateOf(LATE_RECEIVED), TRANSFER_2)).toBe(7);
    expect(fiscalYearOf(TRANSFER_2)).toBe(FISCAL_YEAR);
  });

  it('registers two vendors, a budget and two contracts under ¥1,000,000 (課長 alone)', async () => {
    for (const [key, name, bankAccount] of [
      ['A', '株式会社デンピョウ商事', ACCOUNT_A],
      ['B', '株式会社デンピョウ建設', ACCOUNT_B],
    ] as const) {
      const vendor = await api()
        .post('/api/vendors')
        .set(as('procurement'))
        .send({ name, nameKana: 'カブシキガイシャデンピョウ', bankAccount })
        .expect(201);
      expect(vendor.body).toMatchObject({ kind: 'corporation', status: 'active' });
      vendorOf[key] = vendor.body.id;
    }

    const budgetCode = '01.02.03.04';
    await api()
      .post('/api/budgets')
      .set(as('accountant'))
      .send({ fiscalYear: FISCAL_YEAR, code: budgetCode, name: '委託料', amount: 5_000_000 })
      .expect(201);

    for (const [key, amount] of [
      ['A', 990_000],
      ['B', 220_000],
    ] as const) {
      const draft = await api()
        .post('/api/contracts')
        .set(as('procurement'))
        .send({
          vendorId: vendorOf[key],
          title: `庁舎清掃業務委託（${key}）`,
          budgetCode,
          fiscalYear: FISCAL_YEAR,
          amount,
          taxRate: 10,
          startDate: '2026-10-01',
          endDate: '2027-03-31',
          kind: 'services',
          method: 'designated-tender',
        })
        .expect(201);
      const submitted = await api()
        .post(`/api/contracts/${draft.body.id}/submit`)
        .set(as('procurement'))
        .expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', route: ['kacho'] });
      const approved = await api()
        .post(`/api/contracts/${draft.body.id}/approve`)
        .set(as('approver'))
        .send({})
        .expect(200);
      expect(approved.body.status).toBe('approved');
      expect(approved.body.approvals).toEqual([
        expect.objectContaining({ username: 'approver', rank: 'kacho' }),
      ]);
      contractOf[key] = draft.body.id;
    }
    const budget = await api()
      .get(`/api/budgets/${FISCAL_YEAR}/${budgetCode}`)
      .set(as('auditor'))
      .expect(200);
    expect(budget.body).toMatchObject({ encumbered: 1_210_000, available: 3_790_000 });
  });

  it('receives three invoices; the due date counts 30 days from receivedOn', async () => {
    const receive = (key: 'A' | 'B', invoiceNumber: string, amount: number, receivedOn?: string) =>
      waitFor(async () => {
        // The invoice service learns of the approved contract from its event.
        const response = await api()
          .post('/api/invoices')
          .set(as('procurement'))
          .send({
            contractId: contractOf[key],
            invoiceNumber,
            issueDate: receivedOn ?? TODAY,
            ...(receivedOn ? { receivedOn } : {}),
            lines: [{ description: '清掃業務（1月分）', amount, taxRate: 10 }],
          });
        if (response.status !== 201) {
          throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
        }
        return response.body;
      });

    const a1 = await receive('A', 'A-2027-001', 100_000);
    expect(a1).toMatchObject({
      status: 'received',
      receivedOn: TODAY,
      total: 110_000,
      dueDate: dueDateOf(TODAY),
    });
    const a2 = await receive('A', 'A-2027-002', 800_000, LATE_RECEIVED);
    expect(a2).toMatchObject({
      status: 'received',
      receivedOn: LATE_RECEIVED,
      total: 880_000,
      dueDate: dueDateOf(LATE_RECEIVED),
      inspectionDueDate: addCalendarDays(LATE_RECEIVED, 10),
    });
    const b1 = await receive('B', 'B-2027-001', 200_000);
    expect(b1).toMatchObject({ total: 220_000, dueDate: dueDateOf(TODAY) });
    invoiceOf.A1 = a1.id;
    invoiceOf.A2 = a2.id;
    invoiceOf.B1 = b1.id;
  });

  it('inspects by another procurement user than the registrant, then the 支出命令', async () => {
    await api().post(`/api/invoices/${invoiceOf.A1}/inspect`).set(as('procurement')).expect(403);
    for (const key of ['A1', 'A2', 'B1'] as const) {
      const inspected = await api()
        .post(`/api/invoices/${invoiceOf[key]}/inspect`)
        .set(as('procurement2'))
        .expect(200);
      // Inspected within 10 days of arrival: the payment period is not shortened (Art. 7).
      expect(inspected.body).toMatchObject({ status: 'inspected', inspectionLateDays: 0 });
    }
    expect(
      (await api().get(`/api/invoices/${invoiceOf.A2}`).set(as('auditor')).expect(200)).body
        .dueDate,
    ).toBe(dueDateOf(LATE_RECEIVED));

    await api().post(`/api/invoices/${invoiceOf.A1}/approve`).set(as('treasurer')).expect(403);
    for (const [key, orderer] of [
      ['A1', 'accountant'],
      ['A2', 'accountant'],
      ['B1', DUAL],
    ] as const) {
      const ordered = await api()
        .post(`/api/invoices/${invoiceOf[key]}/approve`)
        .set(as(orderer))
        .expect(200);
      expect(ordered.body.status).toBe('approved');
    }
  });

  it('schedules each payment with its orderer, amounts and due date', async () => {
    for (const [key, amount, dueDate, orderedBy] of [
      ['A1', 110_000, dueDateOf(TODAY), 'accountant'],
      ['A2', 880_000, dueDateOf(LATE_RECEIVED), 'accountant'],
      ['B1', 220_000, dueDateOf(TODAY), DUAL],
    ] as const) {
      const [scheduled] = await waitFor(async () => {
        const listed = await paymentsOfInvoice(invoiceOf[key]);
        return listed.length > 0 && listed;
      });
      expect(scheduled).toMatchObject({
        invoiceId: invoiceOf[key],
        contractId: contractOf[key[0] as 'A' | 'B'],
        vendorId: vendorOf[key[0] as 'A' | 'B'],
        kind: 'invoice',
        status: 'scheduled',
        amount,
        withholdingTax: 0,
        netAmount: amount,
        dueDate,
        fiscalYear: FISCAL_YEAR,
        contractConcludedOn: TODAY,
        orderedBy,
      });
      paymentOf[key] = scheduled!.id;
    }
    expect((await payment('A1')).orderedBySignature).toEqual({
      username: 'accountant',
      displayName: '山本 由美',
      title: '財政課主査',
      department: '財務部 財政課',
    });
  });

  it('is confirmed by a treasurer, never by an accountant nor by its orderer', async () => {
    await api()
      .post(`/api/payments/${paymentOf.A1}/confirm`)
      .set(as('accountant'))
      .send({})
      .expect(403);
    // The dual-role user ordered B1: a treasurer, but the orderer (地方自治法 Art. 232-4).
    await api().post(`/api/payments/${paymentOf.B1}/confirm`).set(as(DUAL)).send({}).expect(403);
    expect((await payment('B1')).status).toBe('scheduled');

    // An unconfirmed payment cannot be batched.
    const unconfirmed = await api()
      .post('/api/transfer-batches')
      .set(as('treasurer'))
      .send({ transferDate: TRANSFER_1, paymentIds: [paymentOf.A1] })
      .expect(422);
    expect(unconfirmed.body.errors).toEqual([
      { path: 'paymentIds.0', message: expect.stringContaining(paymentOf.A1) },
    ]);

    for (const key of ['A1', 'A2', 'B1'] as const) {
      const confirmed = await api()
        .post(`/api/payments/${paymentOf[key]}/confirm`)
        .set(as('treasurer'))
        .send({})
        .expect(200);
      expect(confirmed.body).toMatchObject({
        id: paymentOf[key],
        status: 'confirmed',
        confirmedBy: 'treasurer',
        confirmedBySignature: {
          username: 'treasurer',
          displayName: '小林 正和',
          title: '会計管理者',
        },
        confirmedAt: expect.any(String),
      });
    }
    await api()
      .post(`/api/payments/${paymentOf.A1}/confirm`)
      .set(as('treasurer2'))
      .send({})
      .expect(409);
    expect((await payment('A1')).confirmedBy).toBe('treasurer');
  });

  it('batches under four eyes: treasurers only, the creator never approves', async () => {
    const members = [paymentOf.A1, paymentOf.B1];
    await api()
      .post('/api/transfer-batches')
      .set(as('accountant'))
      .send({ transferDate: TRANSFER_1, paymentIds: members })
      .expect(403);
    expect((await payment('A1')).status).toBe('confirmed');

    const created = await api()
      .post('/api/transfer-batches')
      .set(as('treasurer'))
      .send({ transferDate: TRANSFER_1, paymentIds: members })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      transferDate: TRANSFER_1,
      count: 2,
      total: 110_000 + 220_000,
      createdBy: 'treasurer',
    });
    expect(created.body.lateReason).toBeUndefined();
    batch1 = created.body.id;
    expect(await payment('A1')).toMatchObject({ status: 'batched', batchId: batch1 });

    await api().post(`/api/transfer-batches/${batch1}/approve`).set(as('treasurer')).expect(403);
    await api().post(`/api/transfer-batches/${batch1}/approve`).set(as('accountant2')).expect(403);
    expect((await batch(batch1)).status).toBe('draft');
    const approved = await api()
      .post(`/api/transfer-batches/${batch1}/approve`)
      .set(as('treasurer2'))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'treasurer2' });
  });

  it('refuses to settle before the transfer date', async () => {
    const early = await api()
      .post(`/api/transfer-batches/${batch1}/settle`)
      .set(as('treasurer'))
      .send({})
      .expect(422);
    expect(early.body.detail).toContain(TRANSFER_1);
    expect((await batch(batch1)).status).toBe('approved');
    expect((await payment('A1')).status).toBe('batched');
  });

  it('on the transfer date settles with one 振込不能', async () => {
    await system.restart({ today: TRANSFER_1 });

    await api()
      .post(`/api/transfer-batches/${batch1}/settle`)
      .set(as('accountant'))
      .send({})
      .expect(403);
    // Only payments of the batch can have failed.
    const stranger = await api()
      .post(`/api/transfer-batches/${batch1}/settle`)
      .set(as('treasurer'))
      .send({ failures: [{ paymentId: paymentOf.A2, reason: '口座なし' }] })
      .expect(422);
    expect(stranger.body.errors).toEqual([
      { path: 'failures.0.paymentId', message: expect.stringContaining(paymentOf.A2) },
    ]);
    expect((await batch(batch1)).status).toBe('approved');

    const settled = await api()
      .post(`/api/transfer-batches/${batch1}/settle`)
      .set(as('treasurer'))
      .send({ failures: [{ paymentId: paymentOf.B1, reason: '口座なし' }] })
      .expect(200);
    expect(settled.body).toMatchObject({
      status: 'settled',
      failures: [{ paymentId: paymentOf.B1, reason: '口座なし' }],
    });
    await api()
      .post(`/api/transfer-batches/${batch1}/settle`)
      .set(as('treasurer'))
      .send({ failures: [{ paymentId: paymentOf.B1, reason: '口座なし' }] })
      .expect(409);

    expect(await payment('A1')).toMatchObject({ status: 'paid', transferDate: TRANSFER_1 });
    expect(await payment('B1')).toMatchObject({
      status: 'failed',
      failureReason: '口座なし',
      payeeAccount: { bankCode: '0001', number: ACCOUNT_B.number },
    });
    // Paid on time: no interest.
    expect(await paymentsOfInvoice(invoiceOf.A1)).toHaveLength(1);
  });

  it('retries a failed payment only once its account is corrected', async () => {
    await api()
      .post(`/api/payments/${paymentOf.A1}/retry`)
      .set(as('treasurer'))
      .send({})
      .expect(409);
    await api()
      .post(`/api/payments/${paymentOf.B1}/retry`)
      .set(as('accountant'))
      .send({})
      .expect(403);
    const unchanged = await api()
      .post(`/api/payments/${paymentOf.B1}/retry`)
      .set(as('treasurer'))
      .send({})
      .expect(422);
    // Still the account the bank refused: only with sameAccount: true, which we do not claim.
    expect(unchanged.body.errors).toEqual([{ path: 'sameAccount', message: expect.any(String) }]);
    expect((await payment('B1')).status).toBe('failed');

    // The vendor's account is corrected under four eyes in the contract service.
    const requested = await api()
      .post(`/api/vendors/${vendorOf.B}/bank-account-changes`)
      .set(as('procurement'))
      .send({ bankAccount: ACCOUNT_B_CORRECTED, reason: '振込不能（口座なし）のため訂正' })
      .expect(201);
    expect(requested.body.status).toBe('requested');
    await api()
      .post(`/api/vendors/${vendorOf.B}/bank-account-changes/${requested.body.id}/approve`)
      .set(as('procurement'))
      .expect(403);
    await api()
      .post(`/api/vendors/${vendorOf.B}/bank-account-changes/${requested.body.id}/approve`)
      .set(as('procurement2'))
      .expect(200);
    // The failed payment follows the new account (VendorBankAccountChanged).
    await waitFor(
      async () => (await payment('B1')).payeeAccount?.number === ACCOUNT_B_CORRECTED.number,
      10_000,
      'the failed payment to take the corrected account',
    );

    const retried = await api()
      .post(`/api/payments/${paymentOf.B1}/retry`)
      .set(as('treasurer'))
      .send({ note: '口座訂正済み' })
      .expect(200);
    expect(retried.body).toMatchObject({
      status: 'confirmed',
      payeeAccount: { bankCode: '0005', number: ACCOUNT_B_CORRECTED.number },
    });
    expect(retried.body.batchId).toBeUndefined();
    await api()
      .post(`/api/payments/${paymentOf.B1}/retry`)
      .set(as('treasurer'))
      .send({})
      .expect(409);
  });

  it('needs a lateReason for a transfer after a due date', async () => {
    // A2 is due 2027-02-24, B1 2027-03-03: only A2 is late on TRANSFER_2.
    const members = [paymentOf.A2, paymentOf.B1];
    const noReason = await api()
      .post('/api/transfer-batches')
      .set(as('treasurer2'))
      .send({ transferDate: TRANSFER_2, paymentIds: members })
      .expect(422);
    expect(noReason.body.errors).toEqual([
      { path: 'paymentIds.0', message: expect.stringContaining('lateReason') },
    ]);
    expect((await payment('A2')).status).toBe('confirmed');

    const created = await api()
      .post('/api/transfer-batches')
      .set(as('treasurer2'))
      .send({
        transferDate: TRANSFER_2,
        paymentIds: members,
        lateReason: '検収後の予算流用の決裁待ち',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      count: 2,
      total: 880_000 + 220_000,
      lateReason: '検収後の予算流用の決裁待ち',
    });
    batch2 = created.body.id;
    await api().post(`/api/transfer-batches/${batch2}/approve`).set(as('treasurer2')).expect(403);
    await api().post(`/api/transfer-batches/${batch2}/approve`).set(as('treasurer')).expect(200);

    // The file pays the retried payment to the corrected account.
    const records = (await zenginRecords(system, as('treasurer'), batch2)).filter((record) =>
      record.startsWith('2'),
    );
    // Data record: bank code 2–5, account number 44–50, amount 81–90 (1-based).
    const transfers = records
      .map((record) => [record.slice(1, 5), record.slice(43, 50), record.slice(80, 90)])
      .sort();
    expect(transfers).toEqual([
      ['0001', ACCOUNT_A.number, '0000880000'],
      ['0005', ACCOUNT_B_CORRECTED.number, '0000220000'],
    ]);
  });

  it('settles the late payment and schedules its interest once', async () => {
    await system.restart({ today: TRANSFER_2 });
    const settle = () =>
      api()
        .post(`/api/transfer-batches/${batch2}/settle`)
        .set(as('treasurer'))
        .set('Idempotency-Key', `settle-${batch2}`)
        .send({});
    const settled = await settle().expect(200);
    expect(settled.body).toMatchObject({ status: 'settled', failures: [] });
    // A client retrying the same request gets the same answer, and nothing happens twice.
    const replayed = await settle().expect(200);
    expect(replayed.body).toEqual(settled.body);
    await api()
      .post(`/api/transfer-batches/${batch2}/settle`)
      .set(as('treasurer2'))
      .send({})
      .expect(409);
    expect(await payment('A2')).toMatchObject({ status: 'paid', transferDate: TRANSFER_2 });
    expect(await payment('B1')).toMatchObject({ status: 'paid', transferDate: TRANSFER_2 });

    // 7 days late (2027-02-25 … 2027-03-03), at 2.5% (in force on 2027-02-01, when the contract
    // was concluded): 880,000 × 2.5% × 7 / 365 = 154,000 / 365 = 421.91… → ¥421, fractions
    // under ¥100 cut → ¥400.
    const ofA2 = await paymentsOfInvoice(invoiceOf.A2);
    expect(ofA2).toHaveLength(2);
    const interest = ofA2.find((p) => p.kind === 'late-interest');
    expect(interest).toMatchObject({
      kind: 'late-interest',
      invoiceId: invoiceOf.A2,
      contractId: contractOf.A,
      vendorId: vendorOf.A,
      amount: 400,
      withholdingTax: 0,
      netAmount: 400,
      status: 'scheduled',
      orderedBy: 'accountant',
      // A new claim arising on the payment day: due 30 days later, borne by that day's year.
      dueDate: dueDateOf(TRANSFER_2),
      fiscalYear: FISCAL_YEAR,
      lateInterest: {
        paymentId: paymentOf.A2,
        principal: 880_000,
        dueDate: dueDateOf(LATE_RECEIVED),
        paidOn: TRANSFER_2,
        days: 7,
        ratePercent: '2.5',
      },
    });
    interestId = interest!.id;
    // B1 was on time (due 2027-03-03): no interest.
    expect(await paymentsOfInvoice(invoiceOf.B1)).toHaveLength(1);
  });

  it('closes the fiscal year from June 1 only, once; then nothing of it is confirmed', async () => {
    await system.restart({ today: MAY });
    const early = await api()
      .post(`/api/fiscal-years/${FISCAL_YEAR}/close`)
      .set(as('treasurer'))
      .expect(422);
    expect(early.body.detail).toContain('2027-05-31');
    await api().post(`/api/fiscal-years/${FISCAL_YEAR}/close`).set(as('accountant')).expect(403);
    const open = await api().get('/api/fiscal-years').set(as('auditor')).expect(200);
    expect(open.body).toContainEqual(
      expect.objectContaining({ fiscalYear: FISCAL_YEAR, status: 'open' }),
    );

    await system.restart({ today: JUNE_1 });
    const closed = await api()
      .post(`/api/fiscal-years/${FISCAL_YEAR}/close`)
      .set(as('treasurer'))
      .expect(200);
    expect(closed.body).toMatchObject({
      fiscalYear: FISCAL_YEAR,
      status: 'closed',
      closedBy: 'treasurer',
      closingPeriodEnd: '2027-05-31',
    });
    await api().post(`/api/fiscal-years/${FISCAL_YEAR}/close`).set(as('treasurer2')).expect(409);
    const years = await api().get('/api/fiscal-years').set(as('accountant')).expect(200);
    expect(years.body).toContainEqual(
      expect.objectContaining({ fiscalYear: FISCAL_YEAR, status: 'closed' }),
    );

    // The interest payment belongs to fiscal 2026 and was never confirmed: now it cannot be.
    const refused = await api()
      .post(`/api/payments/${interestId}/confirm`)
      .set(as('treasurer'))
      .send({})
      .expect(422);
    expect(refused.body.detail).toContain(String(FISCAL_YEAR));
    const interest = (await paymentsOfInvoice(invoiceOf.A2)).find((p) => p.id === interestId);
    expect(interest).toMatchObject({ status: 'scheduled' });
    expect(interest?.confirmedBy).toBeUndefined();
  });
});
