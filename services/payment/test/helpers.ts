import { randomUUID } from 'node:crypto';
import type { Stream } from 'node:stream';
import { addCalendarDays, isBankBusinessDay, japanToday } from '@denpyo/jp';
import { buildEvent, startService, type RunningService } from '@denpyo/platform';
import { bearer, eventBusOf, eventually, testServiceEnv } from '@denpyo/platform/testing';
import {
  eventTopic,
  type ContractApproved,
  type EventPayload,
  type Payment,
  type PaymentOrdered,
  type VendorRegistered,
} from '@denpyo/schemas';
import request from 'supertest';
import { paymentEnvSchema, requesterFromEnv, type PaymentEnv } from '../src/config';
import { paymentService } from '../src/service';

/** The city's account in the tests' Zengin files (a current account, unlike the default). */
export const TEST_REQUESTER_ENV: PaymentEnv = paymentEnvSchema.parse({
  ZENGIN_REQUESTER_CODE: '1234567890',
  ZENGIN_REQUESTER_NAME: 'ﾃｽﾄｼ',
  ZENGIN_BANK_CODE: '0001',
  ZENGIN_BRANCH_CODE: '001',
  ZENGIN_ACCOUNT_TYPE: 'current',
  ZENGIN_ACCOUNT_NUMBER: '7654321',
});
export const TEST_REQUESTER = requesterFromEnv(TEST_REQUESTER_ENV);

/**
 * The service's pinned today: the next bank business day after the wall clock's, so a batch
 * dated nextBusinessDay() is dated today for the service and can be settled in the same test.
 */
export const serviceToday = () => nextBusinessDay();

export function startPaymentService(today = serviceToday()): Promise<RunningService> {
  return startService(paymentService, {
    ...testServiceEnv('payment', { DENPYO_TODAY: today }),
    ...TEST_REQUESTER_ENV,
  });
}

/** Publishes an event as its producing service would, on the service's own bus. */
export async function publish<T extends Parameters<typeof buildEvent>[0]>(
  service: RunningService,
  type: T,
  aggregateId: string,
  payload: EventPayload<T>,
  eventId?: string,
) {
  const event = buildEvent(type, aggregateId, payload, {
    actor: 'test',
    correlationId: randomUUID(),
  });
  const envelope = eventId ? { ...event, id: eventId } : event;
  await eventBusOf(service).publish([
    { topic: eventTopic(type), key: aggregateId, value: JSON.stringify(envelope) },
  ]);
  return envelope;
}

export function vendorRegistered(overrides: Partial<VendorRegistered> = {}): VendorRegistered {
  return {
    vendorId: randomUUID(),
    name: '株式会社テスト商事',
    nameKana: 'カブシキガイシャテストシヨウジ',
    bankAccount: {
      bankCode: '0001',
      branchCode: '001',
      type: 'ordinary',
      number: '1234567',
      holderKana: 'ｶ)ﾃｽﾄｼﾖｳｼﾞ',
    },
    ...overrides,
  };
}

export function paymentOrdered(
  vendorId: string,
  overrides: Partial<PaymentOrdered> = {},
): PaymentOrdered {
  return {
    invoiceId: randomUUID(),
    contractId: randomUUID(),
    vendorId,
    invoiceNumber: `INV-${randomUUID().slice(0, 8)}`,
    amount: 110_000,
    dueDate: addCalendarDays(japanToday(), 30),
    orderedBy: 'accountant',
    documentNumber: 'R8-支出-0001',
    ...overrides,
  };
}

export const as = (role: Parameters<typeof bearer>[0], username?: string, vendorId?: string) =>
  bearer(role, { ...(username ? { username } : {}), ...(vendorId ? { vendorId } : {}) });

export async function registerVendor(
  service: RunningService,
  overrides: Partial<VendorRegistered> = {},
): Promise<VendorRegistered> {
  const vendor = vendorRegistered(overrides);
  await publish(service, 'VendorRegistered', vendor.vendorId, vendor);
  await eventually(async () => {
    const { rows } = await service.runtime.pool.query('SELECT 1 FROM vendors WHERE id = $1', [
      vendor.vendorId,
    ]);
    if (rows.length !== 1) throw new Error('vendor not projected yet');
  });
  return vendor;
}

/** What the contract service publishes when a contract's route completes. */
export function contractApproved(
  vendorId: string,
  overrides: Partial<ContractApproved> = {},
): ContractApproved {
  return {
    contractId: randomUUID(),
    documentNumber: 'R8-契約-0001',
    vendorId,
    title: '庁舎清掃業務委託',
    amount: 1_000_000_000,
    taxRate: 10,
    fiscalYear: 2026,
    budgetCode: '01.02.03.04',
    approvedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Publishes ContractApproved and waits until the service knows the contract. */
export async function approveContract(
  service: RunningService,
  vendorId: string,
  overrides: Partial<ContractApproved> = {},
): Promise<ContractApproved> {
  const contract = contractApproved(vendorId, overrides);
  await publish(service, 'ContractApproved', contract.contractId, contract);
  await eventually(async () => {
    const { rows } = await service.runtime.pool.query(
      'SELECT 1 FROM known_contracts WHERE id = $1 AND amount IS NOT NULL',
      [contract.contractId],
    );
    if (rows.length !== 1) throw new Error('contract not known yet');
  });
  return contract;
}

/**
 * Publishes PaymentOrdered, after the ContractApproved of its contract (the vendor's, large
 * enough), as the real flow does, and waits until the payment is listed.
 */
export async function orderPayment(
  service: RunningService,
  vendorId: string,
  overrides: Partial<PaymentOrdered> = {},
): Promise<Payment> {
  const order = paymentOrdered(vendorId, overrides);
  await approveContract(service, vendorId, { contractId: order.contractId });
  await publish(service, 'PaymentOrdered', order.invoiceId, order);
  return eventually(async () => {
    const res = await request(service.app)
      .get('/api/payments')
      .query({ invoiceId: order.invoiceId })
      .set('Authorization', await as('accountant'));
    const [payment] = res.body as Payment[];
    if (!payment) throw new Error('payment not scheduled yet');
    return payment;
  });
}

/** The treasurer's confirmation of a payment order (never by its orderer, 'accountant'). */
export async function confirmPayment(service: RunningService, id: string): Promise<Payment> {
  const res = await request(service.app)
    .post(`/api/payments/${id}/confirm`)
    .set('Authorization', await as('treasurer', 'treasurer'))
    .send({});
  if (res.status !== 200)
    throw new Error(`confirm ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Payment;
}

/** An ordered payment, confirmed by a treasurer: ready to be batched. */
export async function orderConfirmedPayment(
  service: RunningService,
  vendorId: string,
  overrides: Partial<PaymentOrdered> = {},
): Promise<Payment> {
  const payment = await orderPayment(service, vendorId, overrides);
  return confirmPayment(service, payment.id);
}

/** The first date from `from` on (inclusive) that satisfies `predicate`. */
export function firstDateFrom(from: string, predicate: (date: string) => boolean): string {
  let date = from;
  while (!predicate(date)) date = addCalendarDays(date, 1);
  return date;
}

export const nextBusinessDay = () =>
  firstDateFrom(addCalendarDays(japanToday(), 1), (date) => isBankBusinessDay(date));

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
export const nextSaturday = () =>
  firstDateFrom(addCalendarDays(japanToday(), 1), (date) => weekday(date) === 6);
const YEAR_END = ['12-31', '01-01', '01-02', '01-03'];
/** A national holiday on a weekday, so only the holiday calendar makes it a non-business day. */
export const nextWeekdayHoliday = () =>
  firstDateFrom(
    addCalendarDays(japanToday(), 1),
    (date) =>
      weekday(date) !== 0 &&
      weekday(date) !== 6 &&
      !YEAR_END.includes(date.slice(5)) &&
      !isBankBusinessDay(date),
  );
export const previousBusinessDay = () => {
  let date = addCalendarDays(japanToday(), -1);
  while (!isBankBusinessDay(date)) date = addCalendarDays(date, -1);
  return date;
};

/** Reads a binary body (supertest would otherwise decode text/plain as UTF-8). */
export function binary(res: Stream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
