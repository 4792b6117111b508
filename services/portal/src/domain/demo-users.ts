import type { Role } from '@denpyo/schemas';

/** The users API.md promises in demo mode; two of most roles so four-eyes rules can be tried. */
export const DEMO_USERS: readonly { username: string; roles: Role[] }[] = [
  { username: 'procurement', roles: ['procurement'] },
  { username: 'procurement2', roles: ['procurement'] },
  { username: 'approver', roles: ['approver'] },
  { username: 'approver2', roles: ['approver'] },
  { username: 'accountant', roles: ['accountant'] },
  { username: 'accountant2', roles: ['accountant'] },
  { username: 'auditor', roles: ['auditor'] },
  { username: 'admin', roles: ['admin'] },
];

export const DEMO_PASSWORD = 'demo';
