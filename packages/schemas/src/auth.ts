import { z } from './zod';
import { RankSchema, RoleSchema, UuidSchema } from './values';

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

export const PortalUserCreateRequestSchema = z.strictObject({
  username: z
    .string()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, 'may contain only a-z, 0-9, ".", "_" and "-"'),
  password: z.string().min(8).max(256),
});
export type PortalUserCreateRequest = z.infer<typeof PortalUserCreateRequestSchema>;
