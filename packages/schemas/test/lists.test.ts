import { z } from 'zod';
import { API_OPERATIONS, MAX_PAGE_SIZE, type OperationDeclaration } from '../src';

// Finding 7 of issue 8 (unbounded reads): every GET that answers an array is a declared list —
// paged by the platform, at most its maximum page size, with a cursor to continue — so no list
// answers everything at once, whatever the table holds.
const operations = Object.entries(API_OPERATIONS) as [string, OperationDeclaration][];
const arrayGets = operations.filter(
  ([, operation]) =>
    operation.method === 'get' &&
    operation.response.kind === 'json' &&
    operation.response.schema instanceof z.ZodArray,
);

function issuePaths(schema: z.ZodType | undefined, input: unknown): string[] {
  const result = schema?.safeParse(input);
  return !result || result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('every list operation', () => {
  it('is every GET answering an array (and there are lists to check)', () => {
    expect(arrayGets.length).toBeGreaterThanOrEqual(15);
    for (const [operationId, operation] of arrayGets) {
      const list = operation.response.kind === 'json' ? operation.response.list : undefined;
      expect([operationId, list !== undefined]).toEqual([operationId, true]);
    }
  });

  it.each(arrayGets)('%s is bounded: its page size has a maximum', (_id, operation) => {
    const list = operation.response.kind === 'json' ? operation.response.list! : undefined;
    expect(list!.maxPageSize).toBeLessThanOrEqual(MAX_PAGE_SIZE);
    expect(list!.defaultPageSize).toBeLessThanOrEqual(list!.maxPageSize);
    expect(issuePaths(operation.query, { pageSize: String(list!.maxPageSize + 1) })).toContain(
      'pageSize',
    );
    expect(issuePaths(operation.query, { pageSize: String(list!.maxPageSize) })).not.toContain(
      'pageSize',
    );
  });

  it.each(arrayGets)('%s takes a cursor named by fields of its item', (_id, operation) => {
    const list = operation.response.kind === 'json' ? operation.response.list! : undefined;
    expect(issuePaths(operation.query, { cursor: 'WyJpZCJd' })).not.toContain('cursor');
    expect(issuePaths(operation.query, { cursor: 'not a cursor' })).toContain('cursor');
    const shape = (list!.item as unknown as z.ZodObject).shape;
    expect(list!.key.length).toBeGreaterThan(0);
    for (const field of list!.key) expect(Object.keys(shape)).toContain(field);
  });
});
