// One shared promise, so warming the chunk early (while a sign-in request is in flight) and React.lazy
// rendering it later resolve to the same download.
let shell: Promise<typeof import('./layout/app-shell')> | null = null;

export function loadShell() {
  shell ??= import('./layout/app-shell');
  return shell;
}
