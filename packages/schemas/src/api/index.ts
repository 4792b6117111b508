export * from './operation';
export * from './operations';
export { AUDIT_LIST_LIMIT, auditSearch, COMMON_OPERATIONS } from './common';
export { CONTRACT_OPERATIONS } from './contract';
export { INVOICE_LIST_LIMIT, INVOICE_OPERATIONS } from './invoice';
export { PAYMENT_OPERATIONS } from './payment';
export { PORTAL_OPERATIONS } from './portal';
export { buildOpenApiDocument } from './openapi';
