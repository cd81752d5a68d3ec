import 'fake-indexeddb/auto';

// The background runs in a worker scope, where `self` is the global: PouchDB (sync) reads it when
// the background module loads. Node has no `self`; give it the one a worker would have.
const scope = globalThis as unknown as Record<string, unknown>;
scope.self ??= globalThis;
