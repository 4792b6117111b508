import { webcrypto } from 'node:crypto';

// jest's node environment leaves out the Web Crypto global that Prisma's runtime expects; its
// fallback, import('node:crypto'), is a dynamic import jest cannot run in CommonJS mode.
globalThis.crypto ??= webcrypto as typeof globalThis.crypto;
