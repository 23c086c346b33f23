declare module 'autocannon';
declare module 'pg-copy-streams';
