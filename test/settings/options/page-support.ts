import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { settle } from '../../order-lookup/popup/support';

/** Types into an input or textarea the way a user's keystrokes arrive: the value, then an input event. */
export async function typeInto(element: Element | null, value: string): Promise<void> {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement))
    throw new Error(`not a text control: ${element?.outerHTML}`);
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle(2);
}

export async function toggle(element: Element | null): Promise<void> {
  if (!(element instanceof HTMLInputElement)) throw new Error('not an input');
  await act(() => {
    element.click();
  });
  await settle(2);
}

export function byId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const found = root.querySelector<T>(`#${CSS.escape(id)}`);
  if (!found) throw new Error(`no element #${id}`);
  return found;
}

export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const found = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no element [data-testid="${id}"]`);
  return found;
}

/** The text a control's aria-describedby points at: its hint, its problems, the locked note. */
export function description(root: ParentNode, control: Element): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.querySelector(`#${CSS.escape(id)}`)?.textContent ?? `(missing #${id})`)
    .join(' ');
}

/** The accessible name a <label for> gives a control. */
export function labelOf(root: ParentNode, control: Element): string {
  return (root.querySelector(`label[for="${control.id}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export interface Download {
  fileName: string;
  type: string;
  blob: Blob;
}

/** Records what the page offers as downloads (Blob URLs clicked through an anchor), without navigating. */
export function captureDownloads(): Download[] {
  const downloads: Download[] = [];
  const blobs = new Map<string, Blob>();
  let counter = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
    const url = `blob:test/${++counter}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) downloads.push({ fileName: this.download, type: blob.type, blob });
  });
  return downloads;
}

export async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Chooses a file in an <input type=file>, as the browser's file picker does. */
export async function chooseFile(input: Element | null, file: File): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}
