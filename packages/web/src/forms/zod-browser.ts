// What packages/schemas/src/zod.ts becomes in the browser bundle (vite.config.ts swaps it in).
// The schemas call `.openapi(…)` to name themselves in the OpenAPI document; the browser only
// parses with them, so `.openapi` keeps the schema as it is. Not calling zod-to-openapi's
// extendZodWithOpenApi(z) spares its code and, because it takes the whole `z` namespace as a
// value, every zod locale and helper the app never uses.
import { z } from 'zod';

type WithOpenApi = { openapi?: (...args: unknown[]) => unknown };
const prototype = z.ZodType.prototype as unknown as WithOpenApi;
if (typeof prototype.openapi !== 'function') {
  prototype.openapi = function openapi(this: unknown) {
    return this;
  };
}

export { z };
