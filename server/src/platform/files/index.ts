/** Record attachments: files kept in the database beside the records they belong to. */
export { addAttachment, attachmentContent, checkCanAttach, listAttachments, purgeAttachments, removeAttachment } from './attachments.service.js';
export type { AttachmentView, UploadedFile } from './attachments.service.js';
export { ATTACHMENT_MAX_BYTES, attachmentLimitLabel } from './attachment-limits.js';
export { cleanContentType, contentDisposition, downloadContentType, sanitizeFileName } from './attachment-file-name.js';
