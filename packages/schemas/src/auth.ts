import { z } from './zod';
import { IsoDateTimeSchema, RankSchema, RoleSchema, UuidSchema } from './values';

export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

// vendorId is present exactly for users with the `vendor` role; rank only for approvers.
// displayName and title are what vouchers print (tokens issued before v2 lack them).
export const AuthUserSchema = z.object({
  username: z.string(),
  roles: z.array(RoleSchema),
  vendorId: UuidSchema.optional(),
  displayName: z.string().optional(),
  title: z.string().optional(),
  /** 所属 (e.g. 福祉部 福祉課): the 起案課 a 支出負担行為決議書 prints for its drafter. */
  department: z.string().optional(),
  rank: RankSchema.optional(),
});
export type AuthUser = z.infer<typeof AuthUserSchema>;

/**
 * The user as sign-in and the session describe it: the token's user, and `mustChangePassword:
 * true` while the password is one someone else chose (issue 8). Until it is changed the portal
 * refuses everything but the password change, the session and sign-out (403).
 */
export const SignedInUserSchema = AuthUserSchema.extend({
  mustChangePassword: z
    .boolean()
    .optional()
    .openapi({
      description:
        'Present (true) while the user must change a password an administrator or procurement set: ' +
        'every other call but `POST /api/auth/password`, `GET /api/auth/session` and sign-out is 403',
    }),
});
export type SignedInUser = z.infer<typeof SignedInUserSchema>;

/** What a sign-in or a refresh hands a bearer client: a short-lived access token and its renewal. */
const IssuedTokensShape = {
  token: z.string().openapi({
    description:
      'The access token (JWT, EdDSA): `Authorization: Bearer <token>`; it expires after `expiresIn` seconds (at most 15 minutes)',
  }),
  refreshToken: z.string().openapi({
    description:
      'Exchanged once at `POST /api/auth/refresh` for a new access token and a new refresh token; a refresh token used twice revokes the session',
  }),
  expiresIn: z.int().positive().openapi({ description: 'Seconds until the access token expires' }),
  sessionExpiresIn: z.int().min(0).openapi({
    description: 'Seconds until the session ends: after that, sign in again',
  }),
};

export const LoginResponseSchema = z.object({
  ...IssuedTokensShape,
  user: SignedInUserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/**
 * `POST /api/auth/refresh` and `POST /api/auth/logout`: a bearer client names its refresh token
 * in the body; a browser sends none (its refresh token is in the `denpyo_refresh` cookie).
 */
export const RefreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(256).optional(),
});
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

/**
 * A refresh's answer: the user as the session now stands and how long the new access token
 * lives; to a bearer client also the new tokens (a browser gets them in cookies instead).
 */
export const RefreshResponseSchema = z.object({
  user: AuthUserSchema,
  expiresIn: IssuedTokensShape.expiresIn,
  sessionExpiresIn: IssuedTokensShape.sessionExpiresIn,
  token: IssuedTokensShape.token.optional(),
  refreshToken: IssuedTokensShape.refreshToken.optional(),
});
export type RefreshResponse = z.infer<typeof RefreshResponseSchema>;

/** A new login's name: lower-case letters, digits, ".", "_" and "-". */
export const UsernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'may contain only a-z, 0-9, ".", "_" and "-"');

/** The password policy of every login the portal creates or changes: 8 to 256 characters. */
export const NewPasswordSchema = z.string().min(8).max(256);

export const PortalUserCreateRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: NewPasswordSchema,
});
export type PortalUserCreateRequest = z.infer<typeof PortalUserCreateRequestSchema>;

// Names and titles are what vouchers print, so blank ones are refused.
const PrintedTextSchema = z.string().trim().min(1).max(100);

/** A staff user created by an administrator; `rank` exactly when the roles include approver. */
export const StaffUserCreateRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: NewPasswordSchema,
  displayName: PrintedTextSchema,
  title: PrintedTextSchema,
  department: PrintedTextSchema.optional(),
  roles: z.array(RoleSchema).min(1),
  rank: RankSchema.optional(),
});
export type StaffUserCreateRequest = z.infer<typeof StaffUserCreateRequestSchema>;

export const PasswordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPasswordSchema,
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequestSchema>;

/** A login as the administrator sees it (never its password hash). */
export const UserSchema = AuthUserSchema.extend({
  /** Seeded by demo mode (disabled when the system starts without it). */
  demo: z.boolean(),
  disabled: z.boolean(),
  disabledAt: IsoDateTimeSchema.optional(),
  disabledBy: z.string().optional(),
  createdAt: IsoDateTimeSchema,
  /** Who created it; absent for users seeded by demo mode. */
  createdBy: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const UsernameParamsSchema = z.strictObject({ username: UsernameSchema });
