import {
  type PGlite,
  type QueryOptions,
  type Results,
  type Transaction,
  messages,
  parse,
  protocol,
} from "@electric-sql/pglite";

/** What drizzle calls on a PGlite client. */
type Client = Pick<PGlite, "query" | "transaction">;

/** A drizzle client whose statements are prepared once per SQL text. */
export interface StatementClient extends Client {
  /** Deallocates the statements this client prepared (a shared instance outlives the database). */
  release(): Promise<void>;
}

export interface StatementOptions {
  /** Runs every statement with `search_path` set to this schema (databases sharing one instance). */
  schema?: string;
  /** Prepared statements kept per client; the least recently used one is deallocated. @default 500 */
  max?: number;
}

interface Statement {
  name: string;
  paramTypes: number[];
  /** The statement's row description (text format), absent for statements without rows. */
  row: messages.RowDescriptionMessage | undefined;
}

/** Per PGlite instance: statement names are per session, and so is the `search_path` last set. */
interface Session {
  sequence: number;
  searchPath: string | undefined;
}

/** Only these are worth a named statement; DDL and utility commands (migrations, savepoints) run once. */
const CACHEABLE = /^\s*(?:select|insert|update|delete|with)\b/i;
/**
 * A pattern given as a parameter (`like $2`): from its sixth run a named statement may get a generic plan,
 * which knows no pattern and so cannot use a trigram index — contact search at 100k contacts went from
 * 13 ms to 240 ms. Such statements are planned with their values on every run (unnamed, as PostgreSQL's
 * driver does for every query).
 */
const PATTERN_PARAMETER = /\b(?:i?like|similar\s+to)\s+\$\d/i;

const sessions = new WeakMap<PGlite, Session>();
const { serialize } = protocol;

/**
 * PGlite's `query` parses, plans and describes every statement on each call (six protocol round
 * trips into WASM); a repeated SQL text here is parsed once and then costs one bind + execute.
 * drizzle emits the same text for the same query shape, so the hot path's statements are all reused.
 * Postgres replans a prepared statement by itself when a table it reads changes (migrations).
 */
export function preparedStatements(client: PGlite, options: StatementOptions = {}): StatementClient {
  const max = options.max ?? 500;
  const schema = options.schema;
  let session = sessions.get(client);
  if (!session) sessions.set(client, (session = { sequence: 0, searchPath: undefined }));
  const state = session;
  /** By SQL text, least recently used first (a Map keeps insertion order). */
  const statements = new Map<string, Statement>();
  /** Evicted statements, closed with the next prepare. */
  let evicted: string[] = [];

  async function exchange(message: Uint8Array, queryOptions?: QueryOptions) {
    return client.execProtocolStream(message, { syncToFs: false, onNotice: queryOptions?.onNotice });
  }

  async function enterSchema(): Promise<void> {
    if (!schema || state.searchPath === schema) return;
    await exchange(serialize.query(`set search_path to ${schema}`));
    state.searchPath = schema;
  }

  async function prepare(text: string, name: string, queryOptions?: QueryOptions): Promise<Statement> {
    const closes = evicted.map((old) => serialize.close({ type: "S", name: old }));
    evicted = [];
    let replies;
    try {
      replies = await exchange(
        concat([
          ...closes,
          serialize.parse({ name, text, types: queryOptions?.paramTypes }),
          serialize.describe({ type: "S", name }),
        ]),
        queryOptions,
      );
    } catch (error) {
      // An error skips the rest until Sync; PGlite's own query ends the same way.
      await exchange(serialize.sync());
      throw error;
    }
    let paramTypes: number[] = [];
    let row: Statement["row"];
    for (const reply of replies) {
      if (reply instanceof messages.ParameterDescriptionMessage) paramTypes = reply.dataTypeIDs;
      else if (reply instanceof messages.RowDescriptionMessage) row = reply;
    }
    return { name, paramTypes, row };
  }

  async function statementFor(text: string, queryOptions?: QueryOptions): Promise<Statement> {
    const cacheable = CACHEABLE.test(text) && !queryOptions?.paramTypes && !PATTERN_PARAMETER.test(text);
    if (!cacheable) return prepare(text, "", queryOptions);
    const known = statements.get(text);
    if (known) {
      statements.delete(text);
      statements.set(text, known);
      return known;
    }
    const statement = await prepare(text, `mwa_${++state.sequence}`, queryOptions);
    statements.set(text, statement);
    if (statements.size > max) {
      const [oldest, old] = statements.entries().next().value!;
      statements.delete(oldest);
      evicted.push(old.name);
    }
    return statement;
  }

  async function run<T>(
    text: string,
    params: unknown[],
    queryOptions: QueryOptions | undefined,
    inTransaction: boolean,
  ) {
    if (!inTransaction) await enterSchema();
    const statement = await statementFor(text, queryOptions);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = statement.paramTypes[i]!;
      const serializer = queryOptions?.serializers?.[oid] ?? client.serializers[oid];
      return serializer ? serializer(param) : String(param);
    });
    let replies;
    try {
      replies = await exchange(
        concat([serialize.bind({ statement: statement.name, values }), serialize.execute(), serialize.sync()]),
        queryOptions,
      );
    } catch (error) {
      throw Object.assign(error as object, { query: text, params, queryOptions });
    }
    if (!inTransaction) await client.syncToFs();
    const described = statement.row ? [statement.row, ...replies] : replies;
    return parse.parseResults(described, client.parsers, queryOptions)[0] as Results<T>;
  }

  const query = (<T>(text: string, params: unknown[] = [], queryOptions?: QueryOptions) =>
    // The transaction lock keeps a lone statement out of another caller's open transaction, as PGlite's does.
    client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(() => run<T>(text, params, queryOptions, false)),
    )) as PGlite["query"];

  const transaction = (<T>(fn: (tx: Transaction) => Promise<T>) =>
    client
      .transaction(async (tx) => {
        // Set at the transaction's top level: a savepoint rolled back must not undo it.
        await client._runExclusiveQuery(enterSchema);
        const scoped = {
          ...tx,
          query: <R>(text: string, params: unknown[] = [], queryOptions?: QueryOptions) =>
            client._runExclusiveQuery(() => run<R>(text, params, queryOptions, true)),
        } as Transaction;
        return fn(scoped);
      })
      .catch((error: unknown) => {
        // A rolled-back transaction also rolled back the `set search_path` it may have made.
        state.searchPath = undefined;
        throw error;
      })) as PGlite["transaction"];

  const release = async (): Promise<void> => {
    const names = [...evicted, ...[...statements.values()].map((s) => s.name)];
    statements.clear();
    evicted = [];
    if (names.length === 0 || client.closed) return;
    await client._runExclusiveQuery(() =>
      exchange(concat([...names.map((name) => serialize.close({ type: "S", name })), serialize.sync()])),
    );
  };

  return { query, transaction, release };
}

// --- Internal helpers ---

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
