/** A key shown beside the control it triggers; the control also carries aria-keyshortcuts. */
export function ShortcutKey({ keyName }: { keyName: string }) {
  return <kbd className="shortcut">{keyName}</kbd>;
}
