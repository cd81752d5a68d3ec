/**
 * The background and PDFs: the context-menu item on links to PDFs opens Claimmark's viewer next
 * to the tab, and a message relayed to a viewer page is left for that page to answer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '../../../entrypoints/background';
import { viewerRelay } from '../../../utils/protocol/to-content';
import { OPEN_PDF_MENU_ITEM, PDF_LINK_PATTERNS } from '../../../utils/pdf/url';

const stubEvent = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() });
let create: ReturnType<typeof vi.fn>;
let onClicked: ReturnType<typeof stubEvent>;
let onMessage: (message: unknown, sender: object, respond: () => void) => unknown;

beforeAll(async () => {
  const apis = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  create = vi.fn();
  onClicked = stubEvent();
  apis.webRequest = { onBeforeRedirect: stubEvent() };
  apis.contextMenus = { create, onClicked };
  apis.commands = { onCommand: stubEvent() };
  const add = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
  void background.main();
  onMessage = add.mock.calls[0]![0] as unknown as typeof onMessage;
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
});

describe('background: PDFs', () => {
  it('offers "Annotate PDF in Claimmark" on links to PDFs', () => {
    expect(create).toHaveBeenCalledWith({
      id: OPEN_PDF_MENU_ITEM,
      title: 'Annotate PDF in Claimmark',
      contexts: ['link'],
      targetUrlPatterns: PDF_LINK_PATTERNS,
    });
  });

  it('opens the linked PDF in the viewer, in a new tab next to the page', async () => {
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    const click = onClicked.addListener.mock.calls[0]![0] as (info: object, tab?: object) => void;
    click(
      { menuItemId: OPEN_PDF_MENU_ITEM, linkUrl: 'https://ir.example.com/q3.pdf' },
      { id: 4, index: 2 },
    );
    await vi.waitFor(() => expect(opened).toHaveBeenCalled());
    const { url, index } = opened.mock.calls[0]![0] as { url: string; index: number };
    expect(index).toBe(3);
    const viewer = new URL(url);
    expect(viewer.pathname).toBe('/pdf.html');
    expect(viewer.searchParams.get('file')).toBe('https://ir.example.com/q3.pdf');
  });

  it('leaves a message relayed to a PDF viewer to that viewer', () => {
    const relayed = viewerRelay(7, { type: 'content:claims', payload: {} });
    expect(onMessage(relayed, { id: fakeBrowser.runtime.id }, () => {})).toBe(false);
  });
});
