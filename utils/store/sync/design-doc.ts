/**
 * The CouchDB design document a team's admin installs in the team's database (README "Team
 * library"): its `validate_doc_update` refuses malformed claims and pages, and claims whose author
 * is not the user writing them (a new claim is the writer's own; an edit keeps the author).
 * The shape is checked for everyone, admins included; admins are exempt from the author rule and
 * alone write design documents; any member may delete. The limits are those of docs.ts and
 * utils/protocol/to-background.ts. The function is kept as source text (ES5, as CouchDB's
 * JavaScript engine runs it), never compiled by our bundler. Print it with
 * `npx tsx tests/tools/sync/design-doc.ts`.
 */

export const DESIGN_DOC_ID = '_design/claimmark';

const VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  function fail(message) { throw { forbidden: message }; }
  function isString(value, max, empty) {
    return typeof value === 'string' && value.length <= max && (empty || value.length > 0);
  }
  function need(ok, message) { if (!ok) fail(message); }
  function isUrl(value) {
    return isString(value, 8192) && /^(https?|file):\\/\\/\\S/i.test(value);
  }
  function isTime(value) { return isString(value, 40) && !isNaN(Date.parse(value)); }
  var admin = userCtx.roles.indexOf('_admin') !== -1;
  if (newDoc._id.indexOf('_design/') === 0) {
    need(admin, 'Only an admin changes design documents.');
    return;
  }
  if (newDoc._deleted === true) return;
  need(newDoc.v === 1, 'v must be 1.');
  var i;
  if (newDoc.kind === 'claim') {
    need(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(newDoc.id || ''),
      'id must be a UUID.');
    need(newDoc._id === 'claim:' + newDoc.id, '_id must be claim:<id>.');
    need(isUrl(newDoc.url), 'url must be an http(s) or file URL.');
    need(isString(newDoc.quote, 100000), 'quote must be text of 1 to 100000 characters.');
    need(isString(newDoc.note, 50000, true), 'note must be text of at most 50000 characters.');
    need(['figure', 'quote', 'date', 'forecast', 'claim'].indexOf(newDoc.type) !== -1,
      'type must be a claim type.');
    need(Array.isArray(newDoc.tags) && newDoc.tags.length <= 50, 'tags must be a list of 50 at most.');
    for (i = 0; i < newDoc.tags.length; i++) need(isString(newDoc.tags[i], 100), 'a tag is 1 to 100 characters.');
    need(Array.isArray(newDoc.selectors) && newDoc.selectors.length > 0 && newDoc.selectors.length <= 4,
      'selectors must be a list of 1 to 4.');
    var quoted = false;
    for (i = 0; i < newDoc.selectors.length; i++) {
      var s = newDoc.selectors[i] || {};
      if (s.type === 'TextQuoteSelector') {
        quoted = true;
        need(isString(s.exact, 100000) && isString(s.prefix, 1000, true) && isString(s.suffix, 1000, true),
          'a TextQuoteSelector has exact, prefix and suffix text.');
      } else {
        need(s.type === 'TextPositionSelector' && s.start >= 0 && s.end > s.start &&
          Math.floor(s.start) === s.start && Math.floor(s.end) === s.end,
          'a selector is a TextQuoteSelector or a TextPositionSelector.');
      }
    }
    need(quoted, 'selectors must include a TextQuoteSelector.');
    need(isTime(newDoc.created) && isTime(newDoc.updated), 'created and updated must be times.');
    need(isString(newDoc.author, 200), 'author must be the CouchDB user who saved the claim.');
    if (newDoc.otherNotes !== undefined) {
      need(Array.isArray(newDoc.otherNotes) && newDoc.otherNotes.length <= 20, 'otherNotes: 20 at most.');
      for (i = 0; i < newDoc.otherNotes.length; i++) {
        var o = newDoc.otherNotes[i] || {};
        need(isString(o.note, 50000, true) && isTime(o.updated), 'an other note has its text and time.');
      }
    }
    if (!admin) {
      var before = oldDoc && oldDoc.author;
      if (before) need(newDoc.author === before, 'The author of a claim does not change.');
      else need(newDoc.author === userCtx.name, 'A new claim must name you (' + userCtx.name + ') as its author.');
    }
    return;
  }
  if (newDoc.kind === 'page') {
    need(isUrl(newDoc.url), 'url must be an http(s) or file URL.');
    need(newDoc._id === 'page:' + newDoc.url, '_id must be page:<url>.');
    need(Array.isArray(newDoc.aliases) && newDoc.aliases.length <= 1000, 'aliases: 1000 at most.');
    for (i = 0; i < newDoc.aliases.length; i++) need(isUrl(newDoc.aliases[i]), 'an alias is a URL.');
    var limits = { title: 1000, byline: 500, siteName: 500, publishedTime: 100, lang: 50, excerpt: 2000 };
    for (var key in limits) need(isString(newDoc[key], limits[key], true), key + ' must be text.');
    need(isTime(newDoc.firstSeen) && isTime(newDoc.lastSeen), 'firstSeen and lastSeen must be times.');
    return;
  }
  fail('kind must be claim or page.');
}`;

export const DESIGN_DOC = {
  _id: DESIGN_DOC_ID,
  language: 'javascript',
  validate_doc_update: VALIDATE,
} as const;
