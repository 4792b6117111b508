export * from './operation';
export * from './operations';
export * from './common';
export * from './contract';
export * from './invoice';
export * from './payment';
export {
  PORTAL_OPERATIONS,
  USER_LIST,
  UserListQuerySchema,
  type PasswordChanged,
  type Session,
  type UserListQuery,
} from './portal';
export { buildOpenApiDocument } from './openapi';
