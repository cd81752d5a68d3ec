/**
 * Preloaded into the test server (tests/support/couch-server.ts runs pouchdb-server with
 * `node --import` this file) so that a `validate_doc_update` sees replicated writes
 * (`_bulk_docs` with `new_edits: false`, what every replicator sends) as Apache CouchDB 3 does.
 *
 * The bug it works around: pouchdb-server 4.2.0's validation plugin (pouchdb-validation
 * lib/index.js, `validate`) starts with `newDoc._revisions = (oldDoc || {})._revisions`, on the
 * very object it then writes. With `new_edits: false` PouchDB builds the revision from
 * `_revisions`, so an edit or a deletion that replicates in is written as the revision the server
 * already has: dropped, and reported as written (pouchdb/pouchdb-server#419; the fix, #420, was
 * never merged). A new document's history is cut to its last revision.
 *
 * What CouchDB does instead (couch_db:prep_and_validate_replicated_updates), and this does:
 *  - a revision already in the document's tree is not validated again (a success);
 *  - validate_doc_update gets the document as sent (its own `_revisions`) and, as oldDoc, the
 *    nearest ancestor on that revision's own path whose body is stored (a tombstone too), or null
 *    when there is none — not the current winner;
 *  - a refused document is reported (`{id, error: "forbidden", reason}`), the others are written.
 * Everything else is the plugin's own code: it finds the design documents, runs each function with
 * the writing user's userCtx and the database's secObj, and turns `{forbidden}` into a 403 entry.
 * New edits (PUT, POST, `_bulk_docs` without `new_edits: false`) go through the plugin unchanged.
 */
import Module from 'node:module';

const load = Module._load;
Module._load = function (request, parent, ...rest) {
  const loaded = load.call(this, request, parent, ...rest);
  const fromPlugin = /[\\/]pouchdb-validation[\\/]/.test(parent?.filename ?? '');
  return request === 'pouchdb-bulkdocs-wrapper' && fromPlugin ? asCouchDB(loaded) : loaded;
};

/** pouchdb-bulkdocs-wrapper's factory, with replicated batches validated as CouchDB does. */
function asCouchDB(createBulkDocsWrapper) {
  return (validateOne) => {
    const newEdits = createBulkDocsWrapper(validateOne);
    return async (bulkDocs, args) => {
      if (args.options.new_edits !== false || !(await validates(args.base))) {
        return newEdits(bulkDocs, args);
      }
      const known = await knownRevisions(args.base, args.docs);
      const replicated = createBulkDocsWrapper((doc, args) =>
        known.has(`${doc._id}\n${doc._rev}`)
          ? Promise.resolve()
          : validateOne(asSent(doc), { ...args, base: withOldDoc(args.base, doc) }),
      );
      return replicated(bulkDocs, args);
    };
  };
}

/** Whether any design document of the database has a validate_doc_update. */
async function validates(db) {
  const { rows } = await db.allDocs({
    startkey: '_design/',
    endkey: '_design0',
    include_docs: true,
  });
  return rows.some((row) => row.doc && row.doc.validate_doc_update !== undefined);
}

/** `id\nrev` of each document whose revision the database already has. */
async function knownRevisions(db, docs) {
  const asked = {};
  for (const doc of docs) if (doc._id && doc._rev) (asked[doc._id] ??= []).push(doc._rev);
  const missing = await db.revsDiff(asked);
  const known = new Set();
  for (const [id, revs] of Object.entries(asked)) {
    for (const rev of revs) if (!missing[id]?.missing?.includes(rev)) known.add(`${id}\n${rev}`);
  }
  return known;
}

/** A copy for the validation functions whose `_revisions` stay those sent (writes ignored). */
function asSent(doc) {
  const copy = { ...doc };
  Object.defineProperty(copy, '_revisions', {
    enumerable: true,
    get: () => doc._revisions,
    set: () => {},
  });
  return copy;
}

/** The database as the plugin uses it, with `get` answering CouchDB's oldDoc for `doc`. */
function withOldDoc(db, doc) {
  return {
    type: () => db.type(),
    info: () => db.info(),
    allDocs: (options) => db.allDocs(options),
    get: async () => {
      const path = doc._revisions;
      const ids = path && Array.isArray(path.ids) ? path.ids : [];
      for (let i = 1; i < ids.length; i++) {
        const rev = `${path.start - i}-${ids[i]}`;
        const found = await db.get(doc._id, { rev, revs: true }).catch(() => null);
        if (found) return found;
      }
      throw Object.assign(new Error('missing'), { status: 404, name: 'not_found' });
    },
  };
}
