/**
 * How long a deleted claim can be brought back with Undo, in ms: 10 s, on the page's card and in
 * the side panel alike (README, "Edit"). Long enough to notice a slip and reach the button, short
 * enough that the bar is gone when the reader has moved on. The claim itself is restored exactly:
 * same id, same dates.
 */
export const UNDO_WINDOW_MS = 10_000;
