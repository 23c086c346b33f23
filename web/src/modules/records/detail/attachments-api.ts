import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, BASE } from '../../../app/api';
import { objectPath, recordKeys } from '../records-api';

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  createdBy: string | null;
  createdByName?: string;
  createdAt: string;
}

export const attachmentKeys = {
  list: (object: string, id: string) => ['records', object, 'attachments', id] as const,
};

/** A plain link: the browser sends the session cookie and saves the file under the name the server gives. */
export const attachmentUrl = (attachmentId: string) => `${BASE}/attachments/${encodeURIComponent(attachmentId)}/content`;

export function useAttachments(object: string, id: string) {
  return useQuery({
    queryKey: attachmentKeys.list(object, id),
    queryFn: ({ signal }) => apiFetch<{ data: Attachment[] }>(objectPath(object, id, 'attachments'), { signal }).then((r) => r.data),
  });
}

/** Upload and removal; both refresh the list and the timeline, which records each of them. */
export function useAttachmentMutations(object: string, id: string) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: attachmentKeys.list(object, id) });
    void qc.invalidateQueries({ queryKey: recordKeys.timeline(object, id) });
  };
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiFetch<Attachment>(objectPath(object, id, 'attachments'), { method: 'POST', body: form });
    },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (attachmentId: string) => apiFetch<void>(`/attachments/${encodeURIComponent(attachmentId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { upload, remove };
}

/** 1.2 MB style sizes in the reader's number format (binary units, as file managers show them). */
export function formatSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
