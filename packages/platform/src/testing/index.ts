// Helpers for tests of services built on the platform (imported as '@denpyo/platform/testing').
export * from './names';
export * from './prisma-schema-check';
export * from './service-env';
export * from './eventually';
export * from './service-schema';
export * from './kafka';
export * from './registered-routes';
export * from './earlier-migrations';
export * from './paging';
export * from './pdf-text';
