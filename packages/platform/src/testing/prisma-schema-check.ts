import { readFileSync } from 'node:fs';
import { get_dmmf as getDmmf } from '@prisma/prisma-schema-wasm';
import type { SqlExecutor } from '../db/pool';

/**
 * Our migrations are hand-written SQL (prisma migrate cannot run on air-gapped machines), so a
 * test must prove the migrated database is what schema.prisma describes: every model's table,
 * every column with its type and nullability, and no column or table the schema does not know.
 * Returns the differences; an empty list means they match.
 */
export async function diffDatabaseAgainstPrismaSchema(
  db: SqlExecutor,
  schema: string,
  prismaSchemaPath: string,
  extraTables: readonly string[],
): Promise<string[]> {
  const models = readModels(prismaSchemaPath);
  const columns = await db.query<{
    table_name: string;
    column_name: string;
    type: string;
    is_nullable: string;
  }>(
    `SELECT c.table_name, c.column_name, c.is_nullable,
            CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name
                 WHEN c.data_type = 'ARRAY' THEN c.udt_name
                 WHEN c.data_type IN ('character varying', 'character') AND c.character_maximum_length IS NOT NULL
                   THEN c.data_type || '(' || c.character_maximum_length || ')'
                 WHEN c.data_type LIKE 'timestamp%' THEN c.data_type || '(' || c.datetime_precision || ')'
                 ELSE c.data_type END AS type
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'`,
    [schema],
  );
  const actual = new Map<string, Map<string, { type: string; nullable: boolean }>>();
  for (const column of columns) {
    const table = actual.get(column.table_name) ?? new Map();
    table.set(column.column_name, { type: column.type, nullable: column.is_nullable === 'YES' });
    actual.set(column.table_name, table);
  }
  const problems: string[] = [];
  for (const model of models) {
    const table = actual.get(model.table);
    if (!table) {
      problems.push(`table ${model.table} (model ${model.name}) is missing`);
      continue;
    }
    for (const field of model.columns) {
      const column = table.get(field.column);
      if (!column) {
        problems.push(`column ${model.table}.${field.column} is missing`);
        continue;
      }
      if (column.type !== field.type) {
        problems.push(
          `column ${model.table}.${field.column} is ${column.type}, schema.prisma says ${field.type}`,
        );
      }
      if (column.nullable !== field.nullable) {
        problems.push(
          `column ${model.table}.${field.column} is ${column.nullable ? 'nullable' : 'NOT NULL'}, schema.prisma says ${field.nullable ? 'optional' : 'required'}`,
        );
      }
    }
    const known = new Set(model.columns.map((field) => field.column));
    for (const name of table.keys()) {
      if (!known.has(name)) problems.push(`column ${model.table}.${name} is not in schema.prisma`);
    }
  }
  const expectedTables = new Set([...models.map((model) => model.table), ...extraTables]);
  for (const name of actual.keys()) {
    if (!expectedTables.has(name)) problems.push(`table ${name} is not in schema.prisma`);
  }
  return problems;
}

interface ModelColumns {
  name: string;
  table: string;
  columns: { column: string; type: string; nullable: boolean }[];
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
}

function readModels(prismaSchemaPath: string): ModelColumns[] {
  const source = readFileSync(prismaSchemaPath, 'utf8');
  const dmmf = JSON.parse(
    getDmmf(JSON.stringify({ prismaSchema: [['schema.prisma', source]] })),
  ) as {
    datamodel: {
      models: { name: string; dbName: string | null; fields: DmmfField[] }[];
      enums: { name: string; dbName?: string | null }[];
    };
  };
  const enumNames = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  return dmmf.datamodel.models.map((model) => ({
    name: model.name,
    table: model.dbName ?? model.name,
    columns: model.fields
      .filter((field) => field.kind === 'scalar' || field.kind === 'enum')
      .map((field) => ({
        column: field.dbName ?? field.name,
        type: field.isList ? `_${postgresType(field, enumNames)}` : postgresType(field, enumNames),
        nullable: !field.isRequired,
      })),
  }));
}

/** information_schema's name for the column type Prisma maps a field to. */
function postgresType(field: DmmfField, enums: Map<string, string>): string {
  if (field.kind === 'enum') return enums.get(field.type) ?? field.type;
  const [native, args] = field.nativeType ?? [undefined, []];
  switch (native) {
    case 'Uuid':
      return 'uuid';
    case 'Text':
      return 'text';
    case 'VarChar':
      return args[0] ? `character varying(${args[0]})` : 'character varying';
    case 'Char':
      return `character(${args[0] ?? 1})`;
    case 'Date':
      return 'date';
    case 'Timestamptz':
      return `timestamp with time zone(${args[0] ?? 6})`;
    case 'Timestamp':
      return `timestamp without time zone(${args[0] ?? 6})`;
    case 'SmallInt':
      return 'smallint';
    case 'JsonB':
      return 'jsonb';
    case undefined:
      break;
    default:
      return native.toLowerCase();
  }
  const defaults: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone(3)',
    Json: 'jsonb',
    Float: 'double precision',
    Decimal: 'numeric',
    Bytes: 'bytea',
  };
  return defaults[field.type] ?? field.type;
}

/** Tables the platform keeps in every service schema (its own migrations, not schema.prisma). */
export const PLATFORM_TABLES = [
  'schema_migrations',
  'outbox',
  'inbox',
  'idempotency_keys',
  'audit_log',
  'document_sequences',
] as const;
