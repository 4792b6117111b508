// The zod every schema here is built with. zod-to-openapi's `.openapi()` is only available on
// schemas created after `extendZodWithOpenApi`, so it runs here, before any schema exists.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
