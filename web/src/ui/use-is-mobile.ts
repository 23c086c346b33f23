import { useSyncExternalStore } from 'react';

/** Phones and small tablets in portrait: the layout switches to bottom navigation and card lists. */
export const MOBILE_QUERY = '(max-width: 768px)';

function subscribe(onChange: () => void): () => void {
  const mql = window.matchMedia(MOBILE_QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(MOBILE_QUERY).matches, () => false);
}
