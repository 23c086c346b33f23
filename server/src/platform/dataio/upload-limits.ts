/**
 * Limits of multipart uploads (imports are the only ones): one file of at most IMPORT_MAX_MB (default
 * 1024 MiB), a few short text fields. The file streams into the database; it is never held in memory.
 */
const mb = Number.parseInt(process.env.IMPORT_MAX_MB ?? '', 10);
export const IMPORT_MAX_BYTES = (Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024;

export const UPLOAD_LIMITS = { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12, headerPairs: 100 };
