// Events published through the outbox. The envelope is the same for every event; the payload
// schema is chosen by `type`. Every event is at version 1: a breaking change to a payload
// becomes a new version, never an edit of an existing one (see the snapshot test).
import { z } from './zod';
import {
  BankAccountSchema,
  BudgetCodeSchema,
  ContractKindSchema,
  ContractMethodSchema,
  CorporateNumberSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PaymentKindSchema,
  PositiveYenSchema,
  RegistrationNumberSchema,
  SignatureSchema,
  TaxRateSchema,
  UuidSchema,
  VendorKindSchema,
  YenSchema,
} from './values';

/**
 * A correlation id as the HTTP edge accepts it (platform http/app.ts checks X-Correlation-Id and
 * X-Request-Id with this schema): a short token. Consumers store it in the audit trail, so a
 * newline, markup or kilobytes make the event unreadable (dead letters) instead of reaching it
 * verbatim.
 */
export const CorrelationIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);

export const EventEnvelopeSchema = z.object({
  id: UuidSchema,
  type: z.string().min(1),
  version: z.int().min(1),
  occurredAt: IsoDateTimeSchema,
  aggregateId: z.string().min(1),
  correlationId: CorrelationIdSchema,
  causationId: z.string().min(1).nullable(),
  actor: z.string().min(1),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

// --- denpyo.contract.v1 ---

export const VendorRegisteredSchema = z.object({
  vendorId: UuidSchema,
  name: z.string().min(1),
  nameKana: z.string().min(1),
  invoiceRegistrationNumber: RegistrationNumberSchema.optional(),
  /** 法人番号; absent for an individual, and in events before e-invoices. */
  corporateNumber: CorporateNumberSchema.optional(),
  bankAccount: BankAccountSchema,
  /** Absent: corporation. */
  kind: VendorKindSchema.optional(),
  /** Where remittance notices are mailed; absent: none. */
  email: z.email().optional(),
});
export type VendorRegistered = z.infer<typeof VendorRegisteredSchema>;

/** A change of a vendor's bank account, approved by a second person (four eyes). */
export const VendorBankAccountChangedSchema = z.object({
  vendorId: UuidSchema,
  changeId: UuidSchema,
  bankAccount: BankAccountSchema,
  requestedBy: z.string().min(1),
  approvedBy: z.string().min(1),
  approvedAt: IsoDateTimeSchema,
});
export type VendorBankAccountChanged = z.infer<typeof VendorBankAccountChangedSchema>;

export const ContractSubmittedSchema = z.object({
  contractId: UuidSchema,
  vendorId: UuidSchema,
  amount: PositiveYenSchema,
  submittedBy: z.string().min(1),
});
export type ContractSubmitted = z.infer<typeof ContractSubmittedSchema>;

export const ContractApprovedSchema = z.object({
  contractId: UuidSchema,
  documentNumber: z.string().min(1),
  vendorId: UuidSchema,
  title: z.string().min(1),
  amount: PositiveYenSchema,
  taxRate: TaxRateSchema,
  fiscalYear: FiscalYearSchema,
  budgetCode: BudgetCodeSchema,
  /**
   * The budget line as vouchers print it, with the city's 款・項・目 names and the national 節
   * (「03款 民生費 01項 社会福祉費 01目 社会福祉総務費 12節 委託料」); absent in events before it.
   */
  budgetName: z.string().min(1).optional(),
  approvedAt: IsoDateTimeSchema,
  /** Absent: services. Works contracts have 14-day inspection and 40-day payment deadlines. */
  kind: ContractKindSchema.optional(),
  method: ContractMethodSchema.optional(),
  /** The day the route completed (契約締結日): late-payment interest uses the rate then in force. */
  concludedOn: IsoDateSchema.optional(),
  /** A multi-year commitment's amount per fiscal year (債務負担行為); absent: all in fiscalYear. */
  schedule: z.array(z.object({ fiscalYear: FiscalYearSchema, amount: YenSchema })).optional(),
});
export type ContractApproved = z.infer<typeof ContractApprovedSchema>;

export const ContractRejectedSchema = z.object({
  contractId: UuidSchema,
  reason: z.string().min(1),
});
export type ContractRejected = z.infer<typeof ContractRejectedSchema>;

/** A change contract (変更契約) approved through the same route: the new amount replaces the old. */
export const ContractAmendedSchema = z.object({
  contractId: UuidSchema,
  amendmentId: UuidSchema,
  amount: PositiveYenSchema,
  previousAmount: PositiveYenSchema,
  endDate: IsoDateSchema,
  approvedAt: IsoDateTimeSchema,
  /** A multi-year contract's restated schedule (債務負担行為); absent: unchanged or single-year. */
  schedule: z.array(z.object({ fiscalYear: FiscalYearSchema, amount: YenSchema })).optional(),
});
export type ContractAmended = z.infer<typeof ContractAmendedSchema>;

/** Completed (the unused encumbrance released) or cancelled (all of it released): no more invoices. */
export const ContractClosedSchema = z.object({
  contractId: UuidSchema,
  outcome: z.enum(['completed', 'cancelled']),
  releasedAmount: YenSchema,
  reason: z.string().optional(),
});
export type ContractClosed = z.infer<typeof ContractClosedSchema>;

// --- denpyo.invoice.v1 ---

export const InvoiceReceivedSchema = z.object({
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  invoiceNumber: z.string().min(1),
  total: YenSchema,
  receivedOn: IsoDateSchema,
  dueDate: IsoDateSchema,
});
export type InvoiceReceived = z.infer<typeof InvoiceReceivedSchema>;

export const InvoiceInspectedSchema = z.object({
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  inspectedBy: z.string().min(1),
});
export type InvoiceInspected = z.infer<typeof InvoiceInspectedSchema>;

// Carries total so the contract projection can release what the invoice had reserved.
export const InvoiceRejectedSchema = z.object({
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  total: YenSchema,
  reason: z.string().min(1),
  /**
   * What the invoice still reserved when rejected: total less its credit notes, which
   * InvoiceCredited released already. Absent: total (an invoice rejected before credit notes).
   */
  payableTotal: YenSchema.optional(),
});
export type InvoiceRejected = z.infer<typeof InvoiceRejectedSchema>;

/**
 * A credit note (適格返還請求書) reduced an invoice not yet ordered for payment: creditedTotal is
 * no longer invoiced against the contract. One event per credit note.
 */
export const InvoiceCreditedSchema = z.object({
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  creditNoteId: UuidSchema,
  creditNoteNumber: z.string().min(1),
  creditedTotal: PositiveYenSchema,
});
export type InvoiceCredited = z.infer<typeof InvoiceCreditedSchema>;

export const PaymentOrderedSchema = z.object({
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  invoiceNumber: z.string().min(1),
  amount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  orderedBy: z.string().min(1),
  documentNumber: z.string().min(1),
  /** Absent: 0 and amount. netAmount (amount − withholdingTax) is what the transfer carries. */
  withholdingTax: YenSchema.optional(),
  netAmount: PositiveYenSchema.optional(),
  /** The fiscal year whose budget bears the payment (出納整理期間 and the close read it). */
  fiscalYear: FiscalYearSchema.optional(),
  /** The contract's 契約締結日, for the late-payment interest rate. */
  contractConcludedOn: IsoDateSchema.optional(),
  orderedBySignature: SignatureSchema.optional(),
  /** The invoice's 請求日 (issue date), printed on the 振込通知書. */
  invoiceDate: IsoDateSchema.optional(),
});
export type PaymentOrdered = z.infer<typeof PaymentOrderedSchema>;

// --- denpyo.payment.v1 ---

export const PaymentScheduledSchema = z.object({
  paymentId: UuidSchema,
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  amount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  /** Absent: invoice. */
  kind: PaymentKindSchema.optional(),
  withholdingTax: YenSchema.optional(),
  netAmount: PositiveYenSchema.optional(),
});
export type PaymentScheduled = z.infer<typeof PaymentScheduledSchema>;

export const PaymentExecutedSchema = z.object({
  paymentId: UuidSchema,
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  amount: PositiveYenSchema,
  transferDate: IsoDateSchema,
  batchId: UuidSchema,
  /** Absent: invoice. A late-interest payment does not count towards the contract's paid amount. */
  kind: PaymentKindSchema.optional(),
  withholdingTax: YenSchema.optional(),
  netAmount: PositiveYenSchema.optional(),
  /** The fiscal year whose budget line bears the payment (a multi-year contract's year). */
  fiscalYear: FiscalYearSchema.optional(),
});
export type PaymentExecuted = z.infer<typeof PaymentExecutedSchema>;

/** The 会計管理者's examination of a payment order (地方自治法 Art. 232-4). */
export const PaymentConfirmedSchema = z.object({
  paymentId: UuidSchema,
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  confirmedBy: z.string().min(1),
  confirmedBySignature: SignatureSchema.optional(),
  confirmedAt: IsoDateTimeSchema,
});
export type PaymentConfirmed = z.infer<typeof PaymentConfirmedSchema>;

/** 振込不能: the bank returned the transfer; the payment goes back to be paid again. */
export const PaymentFailedSchema = z.object({
  paymentId: UuidSchema,
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  amount: PositiveYenSchema,
  batchId: UuidSchema,
  transferDate: IsoDateSchema,
  reason: z.string().min(1),
});
export type PaymentFailed = z.infer<typeof PaymentFailedSchema>;

/** 出納閉鎖: nothing more is ordered, confirmed or paid in this fiscal year. */
export const FiscalYearClosedSchema = z.object({
  fiscalYear: FiscalYearSchema,
  closedBy: z.string().min(1),
  closedAt: IsoDateTimeSchema,
});
export type FiscalYearClosed = z.infer<typeof FiscalYearClosedSchema>;

// --- registry ---

export const EVENT_PAYLOADS = {
  VendorRegistered: VendorRegisteredSchema,
  VendorBankAccountChanged: VendorBankAccountChangedSchema,
  ContractSubmitted: ContractSubmittedSchema,
  ContractApproved: ContractApprovedSchema,
  ContractRejected: ContractRejectedSchema,
  ContractAmended: ContractAmendedSchema,
  ContractClosed: ContractClosedSchema,
  InvoiceReceived: InvoiceReceivedSchema,
  InvoiceInspected: InvoiceInspectedSchema,
  InvoiceRejected: InvoiceRejectedSchema,
  InvoiceCredited: InvoiceCreditedSchema,
  PaymentOrdered: PaymentOrderedSchema,
  PaymentScheduled: PaymentScheduledSchema,
  PaymentExecuted: PaymentExecutedSchema,
  PaymentConfirmed: PaymentConfirmedSchema,
  PaymentFailed: PaymentFailedSchema,
  FiscalYearClosed: FiscalYearClosedSchema,
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];
export const EVENT_VERSION = 1;

export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** A parsed event of one type, e.g. `EventOf<'PaymentOrdered'>`. */
export type EventOf<T extends EventType> = Omit<EventEnvelope, 'type' | 'payload'> & {
  type: T;
  payload: EventPayload<T>;
};

/** Any parsed event; switch on `type` to narrow the payload. */
export type DomainEvent = { [T in EventType]: EventOf<T> }[EventType];

export const TOPICS = {
  contract: 'denpyo.contract.v1',
  invoice: 'denpyo.invoice.v1',
  payment: 'denpyo.payment.v1',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

// Each event is published on the topic of the service that owns its aggregate.
const EVENT_TOPICS: Record<EventType, Topic> = {
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
};

export function eventTopic(type: EventType): Topic {
  return EVENT_TOPICS[type];
}

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_PAYLOADS, type);
}

function typedEventSchema(type: EventType) {
  return EventEnvelopeSchema.extend({
    type: z.literal(type),
    version: z.literal(EVENT_VERSION),
    payload: EVENT_PAYLOADS[type],
  });
}

// Built once: zod compiles a schema's parser on first use, so per-call schemas would be slow.
const TYPED_EVENT_SCHEMAS = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, typedEventSchema(type)]),
) as Record<EventType, ReturnType<typeof typedEventSchema>>;

/**
 * Validates an envelope and its payload against the schema registered for its type.
 * Throws a ZodError for a malformed envelope, an unknown type, another version or a bad payload.
 */
export function parseEvent(input: unknown): DomainEvent {
  const envelope = EventEnvelopeSchema.parse(input);
  if (!isEventType(envelope.type)) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['type'],
        message: `unknown event type ${JSON.stringify(envelope.type)}`,
        input: envelope.type,
      },
    ]);
  }
  // The schema for `type` yields exactly EventOf<type>; TypeScript cannot follow the lookup.
  return TYPED_EVENT_SCHEMAS[envelope.type].parse(input) as DomainEvent;
}
