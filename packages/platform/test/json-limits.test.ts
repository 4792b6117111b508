import fc from 'fast-check';
import { jsonLimitViolation } from '../src/http/json-limits';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const limits = { maxDepth: 4, maxValues: 20 };

/** How deep a parsed value nests, computed the slow, obvious way. */
function measure(value: unknown, depth = 0): { depth: number } {
  if (value === null || typeof value !== 'object') return { depth };
  const children = Array.isArray(value) ? value : Object.values(value as object);
  return {
    depth: Math.max(depth + 1, ...children.map((child) => measure(child, depth + 1).depth)),
  };
}

describe('the JSON limits at the edge', () => {
  it('refuses nesting beyond the limit, counting brackets inside strings as text', () => {
    expect(jsonLimitViolation(bytes('[[[[1]]]]'), limits)).toBeUndefined();
    expect(jsonLimitViolation(bytes('[[[[[1]]]]]'), limits)).toMatch(/deeper than 4/);
    expect(jsonLimitViolation(bytes('{"a":{"b":{"c":{"d":{}}}}}'), limits)).toMatch(/deeper/);
    expect(jsonLimitViolation(bytes('["[[[[[[[[", "\\"[[[[[[["]'), limits)).toBeUndefined();
    // 20,000 levels, as the audit sent: refused without recursion.
    const deep = `{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    expect(jsonLimitViolation(bytes(deep))).toMatch(/deeper than 32/);
  });

  it('refuses more values than the limit, elements and members together', () => {
    expect(jsonLimitViolation(bytes(`[${Array(19).fill(1).join(',')}]`), limits)).toBeUndefined();
    expect(jsonLimitViolation(bytes(`[${Array(21).fill(1).join(',')}]`), limits)).toMatch(
      /more than 20 values/,
    );
    // Commas in a string are text.
    expect(
      jsonLimitViolation(bytes('{"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v":1}'), limits),
    ).toBeUndefined();
    expect(jsonLimitViolation(bytes(`{${'"k":[],'.repeat(10)}"z":{}}`), limits)).toMatch(
      /more than 20/,
    );
  });

  it('refuses NUL and half a surrogate pair, and takes a whole pair in either case', () => {
    expect(jsonLimitViolation(bytes('["a\\u0000"]'))).toMatch(/NUL/);
    expect(jsonLimitViolation(bytes('["\\\\u0000"]'))).toBeUndefined(); // an escaped backslash
    for (const lone of [
      '\\ud800',
      '\\uDBFF"',
      '\\udc00',
      'x\\ud83dy',
      '\\ud83d\\n',
      '\\ud83d\\u0041',
    ]) {
      expect([lone, jsonLimitViolation(bytes(`["${lone}"]`))]).toEqual([
        lone,
        expect.stringMatching(/surrogate/),
      ]);
    }
    expect(jsonLimitViolation(bytes('["\\ud83d\\ude00", "\\uD83D\\uDE00"]'))).toBeUndefined();
    expect(jsonLimitViolation(bytes('["😀 伝票"]'))).toBeUndefined(); // raw UTF-8 is no escape
  });

  it('agrees with a parse of any JSON value on whether it nests too deep', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 7 }), (value) => {
        const text = JSON.stringify(value);
        const { depth } = measure(JSON.parse(text));
        const verdict = jsonLimitViolation(bytes(text), { maxDepth: 4, maxValues: 1_000_000 });
        expect([text, verdict === undefined]).toEqual([text, depth <= 4]);
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});
