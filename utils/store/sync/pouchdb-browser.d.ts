// PouchDB ships no types: the API the sync code uses is typed in ./pouch.ts.
declare module 'pouchdb-browser' {
  import type { PouchFactory } from './pouch';
  const PouchDB: PouchFactory;
  export default PouchDB;
}
