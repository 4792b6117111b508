// The portal's own operations: sign-in, vendor portal users, the API reference.
import { IdParamsSchema } from '../query';
import { RoleSchema } from '../values';
import { z } from '../zod';
import * as c from './components';
import { auditSearch } from './common';
import { declareOperations, json, raw } from './operation';

/** The signed-in user of a browser session. */
export const SessionSchema = z.object({ user: c.AuthUser }).openapi('Session');
export type Session = z.infer<typeof SessionSchema>;

export const SignedOutSchema = z.object({ signedOut: z.literal(true) }).openapi('SignedOut');
export type SignedOut = z.infer<typeof SignedOutSchema>;

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
  createSession: {
    method: 'post',
    path: '/api/auth/session',
    owner: 'portal',
    tag: 'auth',
    summary: 'Sign a browser in: the session and CSRF cookies instead of a token in the body',
    body: c.LoginRequest,
    response: json(
      SessionSchema,
      'The signed-in user. Sets `denpyo_session` (the token; HttpOnly; Secure; SameSite=Strict) and `denpyo_csrf` (readable by the page; repeat it in `X-CSRF-Token` on every cookie-authenticated POST)',
    ),
    errors: [401, 429],
  },
  getSession: {
    method: 'get',
    path: '/api/auth/session',
    owner: 'portal',
    tag: 'auth',
    summary: 'Who the session cookie (or bearer token) signs in',
    roles: RoleSchema.options,
    response: json(SessionSchema, 'The signed-in user'),
  },
  logout: {
    method: 'post',
    path: '/api/auth/logout',
    owner: 'portal',
    tag: 'auth',
    summary: "Sign a browser out: clear the session's cookies",
    response: json(SignedOutSchema, 'Both session cookies cleared (expired)'),
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
