// The portal's own operations: sign-in, staff and vendor portal users, the API reference.
import {
  PasswordChangeRequestSchema,
  RefreshRequestSchema,
  RefreshResponseSchema,
  SignedInUserSchema,
  StaffUserCreateRequestSchema,
  UserSchema,
  UsernameParamsSchema,
} from '../auth';
import { SearchTextSchema, type PagedQuery } from '../paging';
import { IdParamsSchema } from '../query';
import { IsoDateSchema, IsoDateTimeSchema, RoleSchema } from '../values';
import { z } from '../zod';
import * as c from './components';
import { auditSearch, AuditVerificationSchema, auditVerify, keptHeadsQuery } from './common';
import { declareOperations, json, jsonList, listing, listQuery, raw } from './operation';

/**
 * The signed-in user of a browser session, and the system's date: the web app's default dates
 * come from the one clock (DENPYO_TODAY when pinned), not from the browser's.
 */
export const SessionSchema = z
  .object({
    user: SignedInUserSchema,
    today: IsoDateSchema.openapi({ description: "The system's date (Japan time), YYYY-MM-DD" }),
    expiresIn: z.int().positive().optional().openapi({
      description:
        'At sign-in: seconds until the access token in the cookie expires (the web app refreshes before)',
    }),
  })
  .openapi('Session');
export type Session = z.infer<typeof SessionSchema>;

export const User = UserSchema.openapi('User');
export const StaffUserCreateRequest =
  StaffUserCreateRequestSchema.openapi('StaffUserCreateRequest');
export const PasswordChangeRequest = PasswordChangeRequestSchema.openapi('PasswordChangeRequest');
export const PasswordChangedSchema = z
  .object({ username: z.string(), changedAt: IsoDateTimeSchema })
  .openapi('PasswordChanged');
export type PasswordChanged = z.infer<typeof PasswordChangedSchema>;

/** Role names in words: the CSV columns and the web app (role.*). */
const ROLE_LABELS: Record<z.infer<typeof RoleSchema>, string> = {
  procurement: '契約担当',
  approver: '決裁者',
  accountant: '会計担当',
  treasurer: '会計管理者',
  auditor: '監査',
  admin: '管理者',
  vendor: '取引先',
};

export const USER_LIST = listing(User, {
  key: ['username'],
  sortable: ['username'],
  defaultSort: 'username',
  columns: [
    { header: 'ユーザー名', value: 'username' },
    { header: '氏名', value: 'displayName' },
    { header: '職名', value: 'title' },
    { header: '役割', value: (u) => u.roles.map((role) => ROLE_LABELS[role]).join(' ') },
    { header: '職位', value: 'rank' },
    { header: '取引先ID', value: 'vendorId' },
    { header: '状態', value: (u) => (u.disabled ? '無効' : '有効') },
    { header: '無効化日時', value: 'disabledAt' },
    { header: '作成者', value: 'createdBy' },
    { header: '作成日時', value: 'createdAt' },
  ],
});
export const UserListQuerySchema = listQuery(USER_LIST, {
  q: SearchTextSchema.optional().openapi({
    description: 'The username, display name or title contains it',
  }),
  role: RoleSchema.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type UserListQuery = PagedQuery<z.infer<typeof UserListQuerySchema>>;

const RefreshRequest = RefreshRequestSchema.openapi('RefreshRequest');
const RefreshResponse = RefreshResponseSchema.openapi('RefreshResponse');

export const SignedOutSchema = z.object({ signedOut: z.literal(true) }).openapi('SignedOut');
export type SignedOut = z.infer<typeof SignedOutSchema>;

export const PORTAL_OPERATIONS = declareOperations({
  login: {
    method: 'post',
    path: '/api/auth/login',
    owner: 'portal',
    tag: 'auth',
    summary: 'Log in and receive a bearer token',
    description:
      'A wrong password, an unknown user and a disabled one get the same 401 at the same cost. ' +
      'A client that failed on an account waits 1 s, 2 s, 4 s … (at most 15 minutes) before its ' +
      'next attempt there (429 with Retry-After); another client is not held up by it. A client ' +
      'failing on many accounts, and all clients with failures when failures overall exceed a ' +
      'limit per minute, wait too. The client is the connection’s address unless the portal is ' +
      'configured to trust the proxy in front (TRUSTED_PROXIES). `user.mustChangePassword` is ' +
      'true when the password was chosen by someone else and must be changed first.',
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
      'The signed-in user. Sets `denpyo_session` (the access token, 15 minutes; HttpOnly; Secure; SameSite=Strict), `denpyo_refresh` (the refresh token for `POST /api/auth/refresh`; HttpOnly; path /api/auth) and `denpyo_csrf` (readable by the page; repeat it in `X-CSRF-Token` on every cookie-authenticated POST)',
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
    summary: 'Sign out: revoke the session and clear its cookies',
    description:
      'Revokes the session that the request names — by its access token (bearer or cookie), its ' +
      'refresh token (`denpyo_refresh` cookie, or `refreshToken` in the body for a bearer client): ' +
      'from then on the portal refuses its access tokens (401) and its refresh token. The ' +
      'services behind the portal accept an access token until it expires (at most 15 minutes): ' +
      'users reach them only through the portal. Always 200, so a browser whose session already ' +
      'ended can still clear its cookies.',
    body: RefreshRequest,
    response: json(SignedOutSchema, 'The session revoked; its cookies cleared (expired)'),
  },
  refreshSession: {
    method: 'post',
    path: '/api/auth/refresh',
    owner: 'portal',
    tag: 'auth',
    summary: 'Renew a session: a new access token for a refresh token (each works once)',
    description:
      'A bearer client sends `{refreshToken}` and gets `{token, refreshToken, expiresIn, ' +
      'sessionExpiresIn, user}`; a browser sends no body (its refresh token is the HttpOnly ' +
      '`denpyo_refresh` cookie, path /api/auth) and gets new `denpyo_session` and `denpyo_refresh` ' +
      'cookies, the body without tokens. Each refresh token works once: presenting a spent one ' +
      'revokes the whole session (someone copied it). 401 when the token is unknown, spent, or ' +
      'its session has ended (signed out, user disabled, past `sessionExpiresIn`). The new access ' +
      'token carries the user as stored now (roles, name).',
    body: RefreshRequest,
    response: json(RefreshResponse, 'The renewed session'),
    errors: [401],
  },
  getJwks: {
    method: 'get',
    path: '/.well-known/jwks.json',
    owner: 'portal',
    tag: 'auth',
    summary: "The portal's public signing keys (JWK Set, RFC 7517)",
    description:
      'What the services verify access tokens with (`AUTH_JWKS_URL`). Only public keys: no process ' +
      'but the portal can sign a token. During a key rotation it lists the new key and the old one.',
    response: raw('application/json', 'The JWK Set'),
  },
  createVendorPortalUser: {
    method: 'post',
    path: '/api/vendors/{id}/portal-users',
    owner: 'portal',
    tag: 'contract',
    summary: 'Create a portal login with role `vendor` for this vendor',
    description:
      'Procurement chooses the first password; the vendor must replace it at the first sign-in ' +
      '(`user.mustChangePassword`): until then every call but the password change, the session ' +
      'and sign-out is 403. Audited as `portal-user.created`.',
    roles: ['procurement'],
    params: IdParamsSchema,
    body: c.PortalUserCreateRequest,
    response: json(c.AuthUser, 'The created user', 201),
    errors: [409, 503],
  },
  changePassword: {
    method: 'post',
    path: '/api/auth/password',
    owner: 'portal',
    tag: 'auth',
    summary: 'パスワードの変更 — change your own password',
    description:
      'Any signed-in user, vendors included, changes their own password by giving the current one. ' +
      'A wrong current password is 422 naming `currentPassword` (not 401, which would read as an ' +
      'expired session); repeated wrong attempts are throttled like logins (429). The new password ' +
      'must follow the policy (8 to 256 characters) and differ from the current one. It ends the ' +
      'demand to change a password an administrator or procurement chose (`mustChangePassword`), ' +
      'at once for sessions already open. Audited as ' +
      '`user.password-changed`, without either password. Sessions already open stay open ' +
      '(sign out to end one).',
    roles: RoleSchema.options,
    body: PasswordChangeRequest,
    response: json(PasswordChangedSchema, 'The password was changed'),
    errors: [429],
  },
  createUser: {
    method: 'post',
    path: '/api/users',
    owner: 'portal',
    tag: 'auth',
    summary: '職員の登録 — create a staff user',
    description:
      'An administrator creates a staff user with the display name and title (職名) that vouchers ' +
      'print instead of the username (issue 7 point 6). `rank` is required exactly when the roles ' +
      'include `approver`: the delegation rules (専決規程) route approvals by rank. The `vendor` ' +
      'role is refused here (422): vendor logins are created by procurement for one vendor ' +
      '(`POST /api/vendors/{id}/portal-users`). A taken username is 409. The administrator ' +
      'chooses the first password; the user must replace it at the first sign-in ' +
      '(`user.mustChangePassword`; until then every other call is 403). Audited as `user.created`.',
    roles: ['admin'],
    body: StaffUserCreateRequest,
    response: json(User, 'The created user', 201),
    errors: [409],
  },
  listUsers: {
    method: 'get',
    path: '/api/users',
    owner: 'portal',
    tag: 'auth',
    summary: 'ユーザー一覧 — every login, staff and vendors (never a password hash)',
    roles: ['admin'],
    query: UserListQuerySchema,
    response: jsonList(USER_LIST, 'Matching users'),
  },
  disableUser: {
    method: 'post',
    path: '/api/users/{username}/disable',
    owner: 'portal',
    tag: 'auth',
    summary: 'ユーザーの無効化 — stop a user from signing in',
    description:
      'A disabled user cannot sign in; the row stays, so the audit trail and the vouchers that name ' +
      'them remain whole. An administrator cannot disable themself (422), so the system is never ' +
      'left without one by mistake. Already disabled is 409. Every session of the user is revoked ' +
      'with it: the portal refuses their tokens at once (the services, which users reach only ' +
      'through the portal, when they expire: at most 15 minutes). Audited as `user.disabled`.',
    roles: ['admin'],
    params: UsernameParamsSchema,
    response: json(User, 'The disabled user'),
    errors: [409],
  },
  searchPortalAudit: auditSearch('portal'),
  verifyPortalAudit: auditVerify('portal'),
  verifyAuditTrails: {
    method: 'get',
    path: '/api/audit/verify',
    owner: 'portal',
    tag: 'operations',
    summary: 'Verifies every audit trail (portal, contract, invoice, payment) and the anchors',
    description:
      'Each process re-computes its own hash chain (`GET /api/audit/{owner}/verify`) and checks ' +
      'it against the chain heads anchored where no service can write; the portal gathers them ' +
      "and verifies the anchors' own chain. `status` is `broken` when any trail is broken. " +
      'The anchors share the database with the trails, so a database superuser could re-hash ' +
      'both: an auditor keeps the heads of a verification elsewhere and passes them back in ' +
      '`kept`, and each must still be in its chain.',
    roles: ['auditor'],
    query: keptHeadsQuery(['portal', 'contract', 'invoice', 'payment', 'anchors']),
    response: json(AuditVerificationSchema, 'Every trail, and the first broken entry of each'),
  },
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
