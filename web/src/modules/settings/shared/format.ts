import dayjs from 'dayjs';

/** A date-time in the viewer's language, or the fallback for "never". */
export function when(value: string | null | undefined, fallback = '—'): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : fallback;
}
