// The portal's own operations: sign-in, vendor portal users, the API reference.
import { IdParamsSchema } from '../query';
import * as c from './components';
import { auditSearch } from './common';
import { declareOperations, json, raw } from './operation';

export const PORTAL_OPERATIONS = declareOperations({
  login: {
    method: 'post',
    path: '/api/auth/login',
    owner: 'portal',
    tag: 'auth',
    summary: 'Log in and receive a bearer token',
    body: c.LoginRequest,
    response: json(c.LoginResponse, 'Token and user'),
    errors: [401, 429],
  },
  createVendorPortalUser: {
    method: 'post',
    path: '/api/vendors/{id}/portal-users',
    owner: 'portal',
    tag: 'contract',
    summary: 'Create a portal login with role `vendor` for this vendor',
    roles: ['procurement'],
    params: IdParamsSchema,
    body: c.PortalUserCreateRequest,
    response: json(c.AuthUser, 'The created user', 201),
    errors: [409, 503],
  },
  searchPortalAudit: auditSearch('portal'),
  getOpenApiDocument: {
    method: 'get',
    path: '/api/openapi.json',
    owner: 'portal',
    tag: 'operations',
    summary: 'This document (OpenAPI 3.1)',
    response: raw('application/json', 'The OpenAPI document'),
  },
  getApiReference: {
    method: 'get',
    path: '/api/docs',
    owner: 'portal',
    tag: 'operations',
    summary: 'The browsable API reference (Swagger UI, served locally)',
    response: raw('text/html', 'The reference page'),
  },
});
