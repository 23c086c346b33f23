/** Same markup as the splash in index.html, so the hand-over from HTML to React does not flicker. */
export function FullPageSpinner() {
  return (
    <div id="boot" aria-busy="true">
      <span />
    </div>
  );
}
