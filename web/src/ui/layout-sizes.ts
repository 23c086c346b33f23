/** Height of the app header; sticky parts below it (table headers) offset by this much. */
export const HEADER_HEIGHT = 56;
