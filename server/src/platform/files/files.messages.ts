/** Messages of record attachments, merged into the server's dictionaries by platform/i18n/i18n.ts. */
export const messages: { 'zh-CN': Record<string, string>; 'en-US': Record<string, string> } = {
  'zh-CN': {
    'attachment.multipartRequired': '请以 multipart/form-data 上传附件（字段 file）。',
    'attachment.fileTooLarge': '附件太大（上限 {limit}）。',
    'attachment.emptyFile': '文件是空的，请选择有内容的文件。',
  },
  'en-US': {
    'attachment.multipartRequired': 'Upload the attachment as multipart/form-data (field file).',
    'attachment.fileTooLarge': 'The attachment is too large (limit {limit}).',
    'attachment.emptyFile': 'The file is empty; choose one with content.',
  },
};
