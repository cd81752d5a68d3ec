import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SettingsForm } from '../../components/SettingsForm';
import { UpdatedBanner } from '../../components/UpdatedBanner';
import { SiteList } from '../../components/SiteList';
import { ExportMenu } from '../../components/ExportMenu';
import { ImportPanel } from '../../components/ImportPanel';
import { TagManager } from '../../components/TagManager';
import { onDatabaseUpgraded, openDatabase } from '../../utils/store/db';
import { whenTablesChange } from '../../utils/store/changes';
import { TYPE_LABELS } from '../../utils/core/claim-types';
import { loadSettings, saveSettings, siteOf, type Settings } from '../../utils/store/settings';
import {
  mergeTagColours,
  mergeTags,
  parseTagName,
  tagCounts,
  type TagCount,
} from '../../utils/store/tags';
import { useBackup } from './use-backup';
import { useSettings } from '../../utils/app/use-settings';
import { SyncForm } from '../../components/SyncForm';
import { useSync } from './use-sync';

const db = openDatabase();
const area = browser.storage.local;

type Section = 'general' | 'sites' | 'tags';

export function App() {
  const [updated, setUpdated] = useState(false);
  useEffect(() => onDatabaseUpgraded(db, () => setUpdated(true)), []);
  const settings = useSettings();
  const [tags, setTags] = useState<TagCount[] | null>(null);
  const [status, setStatus] = useState<{ section: Section; text: string }>({
    section: 'general',
    text: '',
  });
  const [siteError, setSiteError] = useState('');
  const [busy, setBusy] = useState(false);
  const backup = useBackup(db);
  const sync = useSync();
  const [claimCount, setClaimCount] = useState(0);
  // Settings are written one change at a time, each over the latest stored value.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    // The count and the tags, read again when claims change: once for a burst of writes (a sync
    // bringing a library in), not after each (this page shares its main thread with the popup).
    const read = async () => {
      void db.annotations.count().then(setClaimCount);
      await tagCounts(db).then(setTags, (error: unknown) =>
        say('tags', `Could not read the tags: ${String(error)}`),
      );
    };
    void read();
    return whenTablesChange(db, ['annotations'], read);
  }, []);

  function say(section: Section, text: string): void {
    setStatus({ section, text });
  }

  function change(section: Section, patch: (s: Settings) => Partial<Settings>, done: string) {
    queue.current = queue.current.then(async () => {
      try {
        await saveSettings(area, patch(await loadSettings(area)));
        if (done) say(section, done);
      } catch (error) {
        say(section, `Not saved: ${String(error)}`);
      }
    });
    return queue.current;
  }

  function addSite(input: string): boolean {
    const site = siteOf(input);
    if (!site) {
      setSiteError('Enter a site such as ft.com, or the address of a page on it.');
      return false;
    }
    if (settings?.blockedSites.includes(site)) {
      setSiteError(`${site} is on the list already.`);
      return false;
    }
    setSiteError('');
    void change(
      'sites',
      (s) => ({ blockedSites: [...s.blockedSites, site] }),
      `Claimmark will not run on ${site}. Its pages open now keep their highlights until reloaded.`,
    );
    return true;
  }

  async function merge(from: string[], into: string): Promise<void> {
    const name = parseTagName(into);
    if (!name.ok) return say('tags', name.error);
    const moving = from.filter((tag) => tag !== name.tag);
    if (moving.length === 0) return;
    setBusy(true);
    try {
      const changed = await mergeTags(db, moving, name.tag);
      await change(
        'tags',
        (s) => ({ tagColours: mergeTagColours(s.tagColours, moving, name.tag) }),
        '',
      );
      const list = moving.map((t) => `#${t}`).join(', ');
      const merged = from.length > 1 || tags?.some((t) => t.tag === name.tag);
      const claims = `${changed} ${changed === 1 ? 'claim' : 'claims'}`;
      say(
        'tags',
        merged
          ? `Merged ${list} into #${name.tag} on ${claims}.`
          : `Renamed ${list} to #${name.tag} on ${claims}.`,
      );
    } catch (error) {
      say('tags', `Nothing changed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  function colour(tag: string, value: string | null): void {
    void change(
      'tags',
      (s) => ({
        tagColours: Object.fromEntries([
          ...Object.entries(s.tagColours).filter(([t]) => t !== tag),
          ...(value ? [[tag, value] as const] : []),
        ]),
      }),
      value ? `#${tag} is shown in its colour.` : `#${tag} has no colour now.`,
    );
  }

  const statusOf = (section: Section) => (
    <p class="status" role="status">
      {status.section === section ? status.text : ''}
    </p>
  );

  return (
    <main class="options">
      {updated ? <UpdatedBanner onReopen={() => location.reload()} /> : null}
      <h1>Claimmark settings</h1>
      {settings === null ? (
        <p class="empty">Loading…</p>
      ) : (
        <>
          <SettingsForm
            defaultType={settings.defaultType}
            hideHighlights={settings.hideHighlights}
            onDefaultType={(defaultType) =>
              void change(
                'general',
                () => ({ defaultType }),
                `New selections start as ${TYPE_LABELS[defaultType]}.`,
              )
            }
            onHideHighlights={(hideHighlights) =>
              void change(
                'general',
                () => ({ hideHighlights }),
                hideHighlights ? 'Highlights are hidden.' : 'Highlights are shown.',
              )
            }
          />
          {statusOf('general')}
          <section class="setting" aria-labelledby="sites-heading">
            <h2 id="sites-heading">Sites where Claimmark never runs</h2>
            <p class="hint">
              No toolbar and no highlights on these sites or their subdomains. Your claims from them
              are kept and stay searchable.
            </p>
            <SiteList
              sites={settings.blockedSites}
              error={siteError}
              onAdd={addSite}
              onRemove={(site) =>
                void change(
                  'sites',
                  (s) => ({ blockedSites: s.blockedSites.filter((x) => x !== site) }),
                  `Claimmark runs on ${site} again from its next page load.`,
                )
              }
            />
            {statusOf('sites')}
          </section>
        </>
      )}
      <section class="setting" aria-labelledby="tags-heading">
        <h2 id="tags-heading">Tags</h2>
        <p class="hint">
          Renaming or merging changes every claim that has the tag. Renaming a tag to one in use
          merges the two.
        </p>
        {tags === null ? (
          <p class="empty">Loading…</p>
        ) : (
          <TagManager
            tags={tags}
            colours={settings?.tagColours ?? {}}
            busy={busy}
            onRename={(from, to) => void merge([from], to)}
            onMerge={(from, into) => void merge(from, into)}
            onColour={colour}
          />
        )}
        {statusOf('tags')}
      </section>
      <section class="setting" id="sync" aria-labelledby="sync-heading">
        <h2 id="sync-heading">Sync</h2>
        <p class="hint">
          Share your claims across your browsers, or with a team, through a CouchDB database. Off
          unless you connect: then claims, their pages and deletions sync (settings stay here). Your
          password stays in this browser&apos;s extension storage.
        </p>
        {sync.loaded ? <SyncForm {...sync.form} /> : <p class="empty">Loading…</p>}
      </section>
      <section class="setting" id="backup" aria-labelledby="backup-heading">
        <h2 id="backup-heading">Backup &amp; restore</h2>
        <p class="hint">
          Export every claim (Markdown, CSV, W3C Web Annotations, or a Claimmark backup with your
          settings), or restore a backup / import W3C annotations. Imports are checked and shown
          before anything is written, and happen entirely or not at all.
        </p>
        <ExportMenu counts={{ all: claimCount }} defaultScope="all" {...backup.exportMenu} />
        <ImportPanel {...backup.importPanel} />
      </section>
    </main>
  );
}
