import { randomUUID } from 'node:crypto';
import {
  EVENT_PAYLOADS,
  EVENT_TYPES,
  type DomainEvent,
  type EventOf,
  type EventPayload,
  type EventType,
  TOPICS,
  eventTopic,
  parseEvent,
} from '../src';
import { z } from 'zod';

const ids = {
  vendor: randomUUID(),
  contract: randomUUID(),
  invoice: randomUUID(),
  payment: randomUUID(),
};

// One valid payload per event type; the Record type makes a missing event a compile error.
const samples: { [T in EventType]: EventPayload<T> } = {
  VendorRegistered: {
    vendorId: ids.vendor,
    name: '株式会社デンピョウ',
    nameKana: 'カブシキガイシャデンピョウ',
    invoiceRegistrationNumber: 'T8000012010038',
    bankAccount: {
      bankCode: '0001',
      branchCode: '001',
      type: 'ordinary',
      number: '1234567',
      holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
    },
  },
  VendorBankAccountChanged: {
    vendorId: ids.vendor,
    changeId: randomUUID(),
    bankAccount: {
      bankCode: '0005',
      branchCode: '002',
      type: 'current',
      number: '7654321',
      holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
    },
    requestedBy: 'procurement',
    approvedBy: 'accountant',
    approvedAt: '2026-06-01T01:00:00.000Z',
  },
  ContractSubmitted: {
    contractId: ids.contract,
    vendorId: ids.vendor,
    amount: 1_650_000,
    submittedBy: 'procurement',
  },
  ContractApproved: {
    contractId: ids.contract,
    documentNumber: 'C2026-000001',
    vendorId: ids.vendor,
    title: '庁舎清掃業務委託',
    amount: 1_650_000,
    taxRate: 10,
    fiscalYear: 2026,
    budgetCode: '02.01.01.13',
    approvedAt: '2026-04-02T01:00:00.000Z',
  },
  ContractRejected: { contractId: ids.contract, reason: '予算科目誤り' },
  ContractAmended: {
    contractId: ids.contract,
    amendmentId: randomUUID(),
    amount: 1_870_000,
    previousAmount: 1_650_000,
    endDate: '2027-03-31',
    approvedAt: '2026-09-01T01:00:00.000Z',
  },
  ContractClosed: { contractId: ids.contract, outcome: 'completed', releasedAmount: 12_500 },
  InvoiceReceived: {
    invoiceId: ids.invoice,
    contractId: ids.contract,
    vendorId: ids.vendor,
    invoiceNumber: 'INV-1',
    total: 137_500,
    receivedOn: '2026-05-01',
    dueDate: '2026-05-29',
  },
  InvoiceInspected: {
    invoiceId: ids.invoice,
    contractId: ids.contract,
    inspectedBy: 'procurement',
  },
  InvoiceRejected: {
    invoiceId: ids.invoice,
    contractId: ids.contract,
    total: 137_500,
    reason: '金額相違',
  },
  InvoiceCredited: {
    invoiceId: ids.invoice,
    contractId: ids.contract,
    vendorId: ids.vendor,
    creditNoteId: randomUUID(),
    creditNoteNumber: 'CN-1',
    creditedTotal: 22_000,
  },
  PaymentOrdered: {
    invoiceId: ids.invoice,
    contractId: ids.contract,
    vendorId: ids.vendor,
    invoiceNumber: 'INV-1',
    amount: 137_500,
    dueDate: '2026-05-29',
    orderedBy: 'accountant',
    documentNumber: 'P2026-000001',
  },
  PaymentScheduled: {
    paymentId: ids.payment,
    invoiceId: ids.invoice,
    contractId: ids.contract,
    vendorId: ids.vendor,
    amount: 137_500,
    dueDate: '2026-05-29',
  },
  PaymentExecuted: {
    paymentId: ids.payment,
    invoiceId: ids.invoice,
    contractId: ids.contract,
    vendorId: ids.vendor,
    amount: 137_500,
    transferDate: '2026-05-29',
    batchId: randomUUID(),
  },
  PaymentConfirmed: {
    paymentId: ids.payment,
    invoiceId: ids.invoice,
    contractId: ids.contract,
    confirmedBy: 'treasurer',
    confirmedBySignature: { username: 'treasurer', displayName: '会計 花子', title: '会計管理者' },
    confirmedAt: '2026-05-20T01:00:00.000Z',
  },
  PaymentFailed: {
    paymentId: ids.payment,
    invoiceId: ids.invoice,
    contractId: ids.contract,
    vendorId: ids.vendor,
    amount: 137_500,
    batchId: randomUUID(),
    transferDate: '2026-05-29',
    reason: '口座なし',
  },
  FiscalYearClosed: {
    fiscalYear: 2025,
    closedBy: 'treasurer',
    closedAt: '2026-06-01T01:00:00.000Z',
  },
};

function envelope(type: string, payload: unknown) {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: randomUUID(),
    correlationId: randomUUID(),
    causationId: null,
    actor: 'procurement',
    payload,
  };
}

describe('parseEvent', () => {
  it.each(EVENT_TYPES)('round-trips %s through JSON', (type) => {
    const sent = envelope(type, samples[type]);
    expect(parseEvent(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
  });

  it('narrows the payload by type', () => {
    const event: DomainEvent = parseEvent(envelope('PaymentOrdered', samples.PaymentOrdered));
    if (event.type !== 'PaymentOrdered') throw new Error('wrong type');
    const ordered: EventOf<'PaymentOrdered'> = event;
    expect(ordered.payload.orderedBy).toBe('accountant');
  });

  it('throws a ZodError for an unknown type', () => {
    expect(() => parseEvent(envelope('ContractSigned', {}))).toThrow(z.ZodError);
    expect(() => parseEvent(envelope('toString', {}))).toThrow(/unknown event type/);
  });

  it('throws a ZodError naming the payload field that is wrong', () => {
    const bad = envelope('PaymentScheduled', { ...samples.PaymentScheduled, amount: 1.5 });
    try {
      parseEvent(bad);
      throw new Error('expected parseEvent to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(z.ZodError);
      expect((error as z.ZodError).issues.map((i) => i.path)).toEqual([['payload', 'amount']]);
    }
  });

  it.each([
    ['a newline', 'abc\nactor=admin'],
    ['markup', '<script>'],
    ['65 characters', 'x'.repeat(65)],
    ['nothing', ''],
  ])('rejects a correlation id with %s: consumers store it in the audit trail', (_, id) => {
    const sent = { ...envelope('ContractRejected', samples.ContractRejected), correlationId: id };
    expect(() => parseEvent(sent)).toThrow(z.ZodError);
  });

  it('accepts the correlation ids our services produce: a UUID, a request id, a short token', () => {
    for (const id of [randomUUID(), 'req-42', 'c.1:2_3', 'x'.repeat(64)]) {
      const sent = { ...envelope('ContractRejected', samples.ContractRejected), correlationId: id };
      expect(parseEvent(sent).correlationId).toBe(id);
    }
  });

  it('rejects a malformed envelope and a version it does not know', () => {
    expect(() =>
      parseEvent({ ...envelope('ContractRejected', samples.ContractRejected), id: 'x' }),
    ).toThrow(z.ZodError);
    expect(() =>
      parseEvent({ ...envelope('ContractRejected', samples.ContractRejected), version: 2 }),
    ).toThrow(z.ZodError);
  });
});

describe('eventTopic', () => {
  it('publishes each event on the topic of the service that owns it', () => {
    expect(Object.fromEntries(EVENT_TYPES.map((t) => [t, eventTopic(t)]))).toEqual({
      VendorRegistered: TOPICS.contract,
      VendorBankAccountChanged: TOPICS.contract,
      ContractSubmitted: TOPICS.contract,
      ContractApproved: TOPICS.contract,
      ContractRejected: TOPICS.contract,
      ContractAmended: TOPICS.contract,
      ContractClosed: TOPICS.contract,
      InvoiceReceived: TOPICS.invoice,
      InvoiceInspected: TOPICS.invoice,
      InvoiceRejected: TOPICS.invoice,
      InvoiceCredited: TOPICS.invoice,
      PaymentOrdered: TOPICS.invoice,
      PaymentScheduled: TOPICS.payment,
      PaymentExecuted: TOPICS.payment,
      PaymentConfirmed: TOPICS.payment,
      PaymentFailed: TOPICS.payment,
      FiscalYearClosed: TOPICS.payment,
    });
  });
});

// A failing snapshot here means a wire format changed: consumers on other versions will break.
// Update it (`npx jest -u`) only together with a deliberate version decision.
describe('event payload contracts', () => {
  it.each(EVENT_TYPES)('%s payload JSON Schema is pinned', (type) => {
    expect(z.toJSONSchema(EVENT_PAYLOADS[type])).toMatchSnapshot();
  });
});
