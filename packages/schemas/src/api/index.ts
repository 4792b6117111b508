export * from './operation';
export * from './operations';
export * from './common';
export * from './contract';
export * from './invoice';
export * from './payment';
export { PORTAL_OPERATIONS, type Session } from './portal';
export { buildOpenApiDocument } from './openapi';
