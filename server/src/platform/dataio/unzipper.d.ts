/** The part of unzipper (a dependency without types of its own) the XLSX reader uses. */
declare module 'unzipper' {
  import type { Duplex } from 'node:stream';
  const unzipper: { Parse(options?: { forceStream?: boolean }): Duplex };
  export default unzipper;
}
