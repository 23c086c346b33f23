/**
 * Largest attachment accepted, ATTACHMENT_MAX_MB (default 20 MiB). Attachments are held in memory while
 * they are hashed and written in one row, so this limit also bounds what one upload costs a node.
 */
const mb = Number.parseInt(process.env.ATTACHMENT_MAX_MB ?? '', 10);
export const ATTACHMENT_MAX_BYTES = (Number.isFinite(mb) && mb > 0 ? mb : 20) * 1024 * 1024;

export const attachmentLimitLabel = (): string => `${Math.round(ATTACHMENT_MAX_BYTES / 1024 / 1024)} MiB`;
