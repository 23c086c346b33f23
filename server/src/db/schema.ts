/**
 * Kysely's view of the database. Record tables are shaped by metadata at run time, so rows are typed
 * loosely here and checked against metadata in the records pipeline instead.
 */
export type Row = Record<string, any>;
export type DB = Record<string, Row>;
