// Every operation of the external API, gathered from the declarations of each process.
import { COMMON_OPERATIONS } from './common';
import { CONTRACT_OPERATIONS } from './contract';
import { INVOICE_OPERATIONS } from './invoice';
import type { OperationDeclaration, OperationOwner } from './operation';
import { PAYMENT_OPERATIONS } from './payment';
import { PORTAL_OPERATIONS } from './portal';

/** Every operation of the external API, keyed by its operationId. */
export const API_OPERATIONS = {
  ...COMMON_OPERATIONS,
  ...PORTAL_OPERATIONS,
  ...CONTRACT_OPERATIONS,
  ...INVOICE_OPERATIONS,
  ...PAYMENT_OPERATIONS,
};
export type ApiOperations = typeof API_OPERATIONS;

/** The largest XML body any operation takes: what a process reads before routing (0: none). */
export const MAX_XML_BODY_BYTES = Math.max(
  0,
  ...Object.values(API_OPERATIONS).map(
    (operation: OperationDeclaration) => operation.xmlBody?.maxBytes ?? 0,
  ),
);
export type OperationId = keyof ApiOperations;

/** The operations one process serves (its own, not those every process serves). */
export type OperationsOf<O extends Exclude<OperationOwner, 'every'>> = {
  [K in OperationId as ApiOperations[K]['owner'] extends O ? K : never]: ApiOperations[K];
};

/** The operations `owner` serves, as a list with their operationIds. */
export function operationsOf(owner: OperationOwner) {
  return Object.entries(API_OPERATIONS)
    .filter(([, operation]) => operation.owner === owner)
    .map(([operationId, operation]) => ({ operationId, ...operation }));
}
