/** Saves text or exact bytes as a file through the browser's download of a Blob URL. */
export function downloadFile(fileName: string, mimeType: string, data: string | Uint8Array): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the Blob after this task; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Moves focus to a control by id and brings it into view; false when it is not on the page. */
export function focusControl(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  element.focus();
  element.scrollIntoView?.({ block: 'center' });
  return document.activeElement === element;
}
