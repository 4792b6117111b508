import fc from 'fast-check';
import { corporateNumberCheckDigit } from '@denpyo/jp';
import { buildOpenApiDocument } from '@denpyo/schemas';

// Requests generated from the OpenAPI document clients are generated from (itself generated from
// the operation declarations): fast-check arbitraries of valid-shaped parameters and bodies per
// operation, and hostile values to put in them. A body is built as JSON text, so that what
// JSON.stringify cannot write (1e400, 2^53+1, "\ud800", a `__proto__` key, 20,000 levels) can be
// sent as raw JSON.

/** The subset of JSON Schema the document uses. */
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface DocumentParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

interface DocumentOperation {
  operationId: string;
  'x-roles'?: string[];
  parameters?: DocumentParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** One documented operation, as the fuzz suite reads it. */
export interface FuzzOperation {
  operationId: string;
  method: 'get' | 'post' | 'patch';
  /** OpenAPI form: `/api/invoices/{id}`. */
  path: string;
  /** Absent for a public operation. */
  roles?: string[];
  pathParams: DocumentParameter[];
  queryParams: DocumentParameter[];
  body?: JsonSchema;
}

const DOCUMENT = JSON.parse(JSON.stringify(buildOpenApiDocument())) as OpenApiDocument;

export function documentedOperations(): FuzzOperation[] {
  return Object.entries(DOCUMENT.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      operationId: operation.operationId,
      method: method as FuzzOperation['method'],
      path,
      ...(operation['x-roles'] ? { roles: operation['x-roles'] } : {}),
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path'),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query'),
      ...(operation.requestBody
        ? { body: operation.requestBody.content['application/json']?.schema }
        : {}),
    })),
  );
}

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = DOCUMENT.components.schemas[name];
  if (!target) throw new Error(`Unknown schema ${schema.$ref}`);
  return resolve(target);
}

/** JSON text written exactly as given: a value JSON.stringify cannot produce. */
class RawJson {
  constructor(readonly text: string) {}
}

/** An object as a list of members, so `__proto__` is a key like any other. */
class Members {
  constructor(readonly entries: [string, unknown][]) {}
}

/** Writes a generated value as JSON text (recursion is bounded by the generators' depth). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof Members) {
    return `{${value.entries.map(([key, member]) => `${JSON.stringify(key)}:${toJsonText(member)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return toJsonText(new Members(Object.entries(value)));
  }
  return JSON.stringify(value) ?? 'null';
}

/** Context the valid-shaped values draw from: ids of records that exist, the system's today. */
export interface FuzzContext {
  knownIds: string[];
  today: string;
}

/** A corporate number (法人番号) with its check digit, as the schemas' refinements want. */
const corporateNumber = fc
  .stringMatching(/^\d{12}$/)
  .map((twelve) => `${corporateNumberCheckDigit(twelve)}${twelve}`);

/**
 * Values that pass the rules a JSON Schema cannot state (check digits, Zengin kana, page
 * sizes), by pattern or by field name: three in four values drawn come from these, so runs reach
 * the use cases and not only the parsers.
 */
const HINTS: { pattern?: string; name?: string; values: fc.Arbitrary<unknown> }[] = [
  { pattern: '^\\d{13}$', values: corporateNumber },
  { pattern: '^T\\d{13}$', values: corporateNumber.map((number) => `T${number}`) },
  {
    name: 'holderKana',
    values: fc.constantFrom('デンピヨウ', 'カ）デンピョウショウジ', 'ﾃﾞﾝﾋﾟﾖｳ'),
  },
  { name: 'nameKana', values: fc.constantFrom('デンピョウ', 'カブシキガイシャデンピョウ') },
  { name: 'bankCode', values: fc.constantFrom('0001', '0005', '0009') },
  { name: 'branchCode', values: fc.constantFrom('001', '100') },
  { name: 'budgetCode', values: fc.constantFrom('03.03.03.03', '01.01.01.01') },
  { name: 'code', values: fc.constantFrom('03.03.03.03', '01.01.01.01') },
  { name: 'page', values: fc.constantFrom('1', '2') },
  { name: 'pageSize', values: fc.constantFrom('1', '10', '1000') },
  { name: 'fiscalYear', values: fc.constantFrom(2026, 2025) },
];

/** Valid-shaped values of a schema: what a well-behaved client might send. */
export function arbitraryOf(
  schema: JsonSchema,
  context: FuzzContext,
  name?: string,
): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const hint = HINTS.find(
    (candidate) =>
      (candidate.pattern !== undefined && candidate.pattern === s.pattern) ||
      (candidate.name !== undefined && candidate.name === name),
  );
  if (!hint) return arbitraryOfSchema(s, context);
  const typed =
    s.type === 'integer'
      ? hint.values.map(Number)
      : s.type === 'string'
        ? hint.values.map(String)
        : hint.values;
  return fc.oneof(
    { weight: 3, arbitrary: typed },
    { weight: 1, arbitrary: arbitraryOfSchema(s, context) },
  );
}

function arbitraryOfSchema(s: JsonSchema, context: FuzzContext): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((variant) => arbitraryOf(variant, context)));
  if (s.allOf) return arbitraryOf(s.allOf[0]!, context);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['object'];
  return fc.oneof(...types.map((type) => arbitraryOfType(type, s, context)));
}

function arbitraryOfType(type: string, s: JsonSchema, context: FuzzContext): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = s.minimum ?? s.exclusiveMinimum ?? -1_000_000_000;
      const max = s.maximum ?? s.exclusiveMaximum ?? 1_000_000_000;
      // Mostly everyday amounts and years; now and then the declared bounds themselves.
      const everyday = fc.integer({
        min: Math.max(min, Math.min(max, -1_000)),
        max: Math.min(max, Math.max(min, 10_000_000)),
      });
      return fc.oneof(
        { weight: 8, arbitrary: everyday },
        { weight: 1, arbitrary: fc.constantFrom(min, max) },
      );
    }
    case 'string':
      return stringOf(s, context);
    case 'array': {
      const items = s.items ? arbitraryOf(s.items, context) : fc.anything();
      const minLength = s.minItems ?? 0;
      return fc.array(items, {
        minLength,
        maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, 4)),
      });
    }
    case 'object': {
      const properties = s.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          arbitraryOf(property, context, name),
        ]),
      );
      return fc.record(model, { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.anything();
  }
}

function stringOf(s: JsonSchema, context: FuzzContext): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? 60;
  const sized = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.filter((value) => value.length >= minLength && value.length <= maxLength);
  switch (s.format) {
    case 'uuid':
      return context.knownIds.length > 0
        ? fc.oneof(fc.uuid(), fc.constantFrom(...context.knownIds))
        : fc.uuid();
    case 'date':
      return fc.oneof(
        {
          weight: 8,
          arbitrary: fc
            .integer({ min: -800, max: 400 })
            .map((offset) => isoDateFrom(context.today, offset)),
        },
        // Days no calendar of the system covers: before the holiday data, far in the future.
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '1900-01-01',
            '1969-12-31',
            '2051-01-04',
            '2100-03-31',
            '9999-12-31',
            '0001-01-01',
          ),
        },
      );
    case 'date-time':
      return fc
        .date({
          min: new Date('2019-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString());
  }
  if (s.pattern) return sized(fc.stringMatching(new RegExp(s.pattern)));
  return fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 40) });
}

function isoDateFrom(today: string, offsetDays: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

/** Values no schema of the API accepts where they are put, each a way a body has gone wrong. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    new RawJson('1e400'),
    new RawJson('-1e400'),
    new RawJson('9007199254740993'), // 2^53 + 1: no double holds it
    new RawJson('-0'),
    new RawJson('0.1e-400'),
    new RawJson('"\\ud800"'),
    new RawJson('"a\\udfffb"'),
    new RawJson('"\\u0000"'),
    new RawJson('"x\\u0000y"'),
    new RawJson(`${'['.repeat(20_000)}${']'.repeat(20_000)}`),
    new RawJson(`${'['.repeat(30)}1${']'.repeat(30)}`),
    new RawJson(`[${Array(60_000).fill('0').join(',')}]`),
    new RawJson(`[${Array(20_000).fill('0').join(',')}]`),
    new Members([['__proto__', { admin: true }]]),
    new Members([['constructor', { prototype: { admin: true } }]]),
    new Members([['prototype', 1]]),
    'x'.repeat(100_000),
    '𠮷'.repeat(5_000),
    '\u202e\u200b\ufeff',
    '<script>alert(1)</script>',
    "'; DROP TABLE vendors; --",
    '../../etc/passwd',
    null,
    true,
    false,
    0,
    -1,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    1.5,
    '',
    ' ',
    [],
    {},
    '2026-02-30',
    '9999-99-99',
    'NaN',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }), // lone surrogates and control characters too
  fc.integer(),
  fc.double(),
);

/** A valid-shaped value with one hostile change: a field replaced or added, a key polluting. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, hostileValue, fc.nat(), fc.constantFrom('replace', 'add', 'pollute', 'wrap'))
    .map(([value, hostile, pick, how]) => mutate(value, hostile, pick, how));
}

function mutate(value: unknown, hostile: unknown, pick: number, how: string): unknown {
  if (how === 'wrap') return [value];
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return hostile;
  if (Array.isArray(value)) {
    if (value.length === 0 || how === 'add') return [...value, hostile];
    const index = pick % value.length;
    return value.map((item, i) => (i === index ? mutate(item, hostile, pick >> 3, how) : item));
  }
  const entries = value instanceof Members ? value.entries : Object.entries(value);
  if (how === 'pollute') {
    const key = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'][pick % 5]!;
    return new Members([...entries, [key, hostile]]);
  }
  if (entries.length === 0 || how === 'add') {
    return new Members([...entries, [`extra${pick % 3}`, hostile]]);
  }
  const index = pick % entries.length;
  return new Members(
    entries.map(([key, member], i) =>
      i === index
        ? [key, (pick & 4) === 0 ? hostile : mutate(member, hostile, pick >> 3, how)]
        : [key, member],
    ),
  );
}

/** Whole bodies that are not JSON of any schema: not JSON at all, or a JSON of the wrong kind. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    '{"a":1}}',
    "{'a':1}",
    '{"a":1,}',
    'null',
    'true',
    '0',
    '"text"',
    '[]',
    '<?xml version="1.0"?><a/>',
    'a=1&b=2',
    '\u0000',
    '\ufeff{}',
    `{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    `{"x":"${'a'.repeat(2_000_000)}"}`,
  ),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

/** Content types a client may get wrong. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/xml',
      'application/merge-patch+json',
      '*/*',
    ),
  },
);

/** Path segments that are no id: each refused with a 4xx, never read as a path or a key. */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..',
    '%2e%2e',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    'a%00b',
    '%ED%A0%80', // a lone surrogate, UTF-8 encoded
    '%FF%FE',
    '%',
    '%ZZ',
    '__proto__',
    'constructor',
    'x'.repeat(5_000),
    '-1',
    '1e400',
    '9007199254740993',
    '%F0%A0%AE%B7',
    "'%20OR%201=1",
    '%3Cscript%3E',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponentLoose),
);

/** Query values beyond the schema: too long, wrong, repeated keys, pollution. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '99999999999999999999',
    '1e400',
    '__proto__',
    'x'.repeat(10_000),
    '',
    '%00',
    '%ED%A0%80',
    '%',
    '2026-02-30',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponentLoose),
);

/** encodeURIComponent for any string, lone surrogates included (written as U+FFFD's bytes). */
function encodeURIComponentLoose(value: string): string {
  return [...value]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return '%EF%BF%BD';
      }
    })
    .join('');
}
