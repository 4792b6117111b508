import { Router } from 'express';
import { HttpError, issueToken, parseOr400, unauthorized } from '@denpyo/platform';
import { LoginRequestSchema, type LoginResponse } from '@denpyo/schemas';
import type { UserRepository } from '../db/users';
import type { LoginThrottle } from '../domain/login-throttle';
import { verifyPassword } from '../domain/password';

export interface AuthRouterOptions {
  users: UserRepository;
  throttle: LoginThrottle;
  jwtSecret: string;
  /** A hash of a password nobody has, checked when the user is unknown (see below). */
  dummyHash: string;
}

/** POST /api/auth/login: the only way to get a bearer token. */
export function authRouter({ users, throttle, jwtSecret, dummyHash }: AuthRouterOptions): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { username, password } = parseOr400(LoginRequestSchema, req.body, 'body');
    const address = req.ip ?? 'unknown';
    const waitMs = throttle.retryAfterMs(username, address);
    if (waitMs > 0) {
      res.setHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new HttpError(429, 'Too Many Requests', 'Too many failed logins; try again later');
    }
    const user = await users.findByUsername(username);
    // An unknown user costs one scrypt too, so response time does not reveal which names exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? dummyHash);
    if (!user || !valid) {
      throttle.recordFailure(username, address);
      throw unauthorized('The username or password is wrong');
    }
    throttle.recordSuccess(username, address);
    const authUser = {
      username: user.username,
      roles: user.roles,
      ...(user.vendorId ? { vendorId: user.vendorId } : {}),
    };
    const body: LoginResponse = { token: await issueToken(authUser, jwtSecret), user: authUser };
    res.json(body);
  });
  return router;
}
