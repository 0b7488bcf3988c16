import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** The extensions the schema's migrations create; PGlite loads their files at every open. */
export const PGLITE_EXTENSIONS = { pg_trgm };
