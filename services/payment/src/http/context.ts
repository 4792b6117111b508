import type { Requester } from '@denpyo/jp';
import { conflict, forbidden, unprocessable, type ServiceRuntime } from '@denpyo/platform';
import type { PrismaClient } from '../generated/prisma/client';
import type { Refusal } from '../domain/transfer-batch';

/** What the routers work with. */
export interface HttpContext {
  prisma: PrismaClient;
  runtime: ServiceRuntime;
  requester: Requester;
}

/** Turns a domain refusal into the HTTP error the problem+json mapper renders. */
export function throwIfRefused(refusal: Refusal | undefined): void {
  if (!refusal) return;
  switch (refusal.kind) {
    case 'forbidden':
      throw forbidden(refusal.message);
    case 'conflict':
      throw conflict(refusal.message);
    case 'unprocessable':
      throw unprocessable(refusal.message, refusal.errors);
  }
}
