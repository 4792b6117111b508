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
  rank: RankSchema.optional(),
});
export type AuthUser = z.infer<typeof AuthUserSchema>;

export const LoginResponseSchema = z.object({
  token: z.string(),
  user: AuthUserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

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
