// Events published through the outbox. The envelope is the same for every event; the payload
// schema is chosen by `type`. Every event is at version 1: a breaking change to a payload
// becomes a new version, never an edit of an existing one (see the snapshot test).
import { z } from './zod';
import {
  BankAccountSchema,
  BudgetCodeSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PositiveYenSchema,
  RegistrationNumberSchema,
  TaxRateSchema,
  UuidSchema,
  YenSchema,
} from './values';

export const EventEnvelopeSchema = z.object({
  id: UuidSchema,
  type: z.string().min(1),
  version: z.int().min(1),
  occurredAt: IsoDateTimeSchema,
  aggregateId: z.string().min(1),
  correlationId: z.string().min(1),
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
  bankAccount: BankAccountSchema,
});
export type VendorRegistered = z.infer<typeof VendorRegisteredSchema>;

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
  approvedAt: IsoDateTimeSchema,
});
export type ContractApproved = z.infer<typeof ContractApprovedSchema>;

export const ContractRejectedSchema = z.object({
  contractId: UuidSchema,
  reason: z.string().min(1),
});
export type ContractRejected = z.infer<typeof ContractRejectedSchema>;

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
});
export type InvoiceRejected = z.infer<typeof InvoiceRejectedSchema>;

export const PaymentOrderedSchema = z.object({
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  invoiceNumber: z.string().min(1),
  amount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  orderedBy: z.string().min(1),
  documentNumber: z.string().min(1),
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
});
export type PaymentExecuted = z.infer<typeof PaymentExecutedSchema>;

// --- registry ---

export const EVENT_PAYLOADS = {
  VendorRegistered: VendorRegisteredSchema,
  ContractSubmitted: ContractSubmittedSchema,
  ContractApproved: ContractApprovedSchema,
  ContractRejected: ContractRejectedSchema,
  InvoiceReceived: InvoiceReceivedSchema,
  InvoiceInspected: InvoiceInspectedSchema,
  InvoiceRejected: InvoiceRejectedSchema,
  PaymentOrdered: PaymentOrderedSchema,
  PaymentScheduled: PaymentScheduledSchema,
  PaymentExecuted: PaymentExecutedSchema,
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
  ContractSubmitted: TOPICS.contract,
  ContractApproved: TOPICS.contract,
  ContractRejected: TOPICS.contract,
  InvoiceReceived: TOPICS.invoice,
  InvoiceInspected: TOPICS.invoice,
  InvoiceRejected: TOPICS.invoice,
  PaymentOrdered: TOPICS.invoice,
  PaymentScheduled: TOPICS.payment,
  PaymentExecuted: TOPICS.payment,
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
