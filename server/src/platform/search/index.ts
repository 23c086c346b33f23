/**
 * The search module: loading it installs the index hooks on every object and makes the `q` of every
 * list use the index. Imported by the API layer (dataio routes) and by the CLI.
 */
import { setQuerySearch } from '../../records/record-read.service.js';
import { listSearchSql } from './search.service.js';
import './search-index.hook.js';

setQuerySearch(listSearchSql);

export { globalSearch, type SearchHit } from './search.service.js';
export { backfillSearchIndex, rebuildSearchIndex, type RebuildResult } from './search-rebuild.js';
export { collectIndexRows, flushIndexRows } from './search-index.hook.js';
