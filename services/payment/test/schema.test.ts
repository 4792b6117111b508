import { join } from 'node:path';
import { diffMigratedServiceSchema } from '@denpyo/platform/testing';

// The SQL migrations are hand-written (prisma migrate cannot run here): prove they build
// exactly the tables, columns, types and nullability that schema.prisma describes.
test('the migrated database is what schema.prisma describes', async () => {
  expect(await diffMigratedServiceSchema(join(__dirname, '..'))).toEqual([]);
});
