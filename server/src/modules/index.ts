/**
 * Loads every domain module so that their standard objects, hooks and visibility extensions are
 * registered before a workspace is created or synced.
 */
import './sales/index.js';
