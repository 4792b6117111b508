// The portal's own operations: sign-in, staff and vendor portal users, the API reference.
import {
  PasswordChangeRequestSchema,
  StaffUserCreateRequestSchema,
  UserSchema,
  UsernameParamsSchema,
} from '../auth';
import { SearchTextSchema, type PagedQuery } from '../paging';
import { IdParamsSchema } from '../query';
import { IsoDateSchema, IsoDateTimeSchema, RoleSchema } from '../values';
import { z } from '../zod';
import * as c from './components';
import { auditSearch } from './common';
import { declareOperations, json, jsonList, listing, listQuery, raw } from './operation';

/**
 * The signed-in user of a browser session, and the system's date: the web app's default dates
 * come from the one clock (DENPYO_TODAY when pinned), not from the browser's.
 */
export const SessionSchema = z
  .object({
    user: c.AuthUser,
    today: IsoDateSchema.openapi({ description: "The system's date (Japan time), YYYY-MM-DD" }),
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
      'must follow the policy (8 to 256 characters) and differ from the current one. Audited as ' +
      '`user.password-changed`, without either password. Tokens already issued stay valid until ' +
      'they expire (they are stateless).',
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
      '(`POST /api/vendors/{id}/portal-users`). A taken username is 409. Audited as `user.created`.',
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
      'left without one by mistake. Already disabled is 409. Tokens already issued stay valid until ' +
      'they expire (at most the token lifetime). Audited as `user.disabled`.',
    roles: ['admin'],
    params: UsernameParamsSchema,
    response: json(User, 'The disabled user'),
    errors: [409],
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
