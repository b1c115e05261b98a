import { useEffect, useState } from 'preact/hooks';

/** The section a `#hash` names: itself, what it stands for (an old or the other mode's name), else the first. */
export function sectionForHash(hash: string, sections: readonly string[], aliases: Record<string, string>): string {
  const id = hash.replace(/^#/, '');
  if (sections.includes(id)) return id;
  const alias = aliases[id];
  return alias && sections.includes(alias) ? alias : sections[0]!;
}

/**
 * The section the address shows (`options.html#deployment`), following link clicks and back/forward. After such a
 * change, focus moves to the section shown, so keyboard and screen reader users land where they went.
 */
export function useHashSection(sections: readonly string[], aliases: Record<string, string>): string {
  const [hash, setHash] = useState(() => location.hash);
  const [moved, setMoved] = useState(0);
  useEffect(() => {
    const follow = () => {
      setHash(location.hash);
      setMoved((count) => count + 1);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const active = sectionForHash(hash, sections, aliases);
  useEffect(() => {
    if (moved > 0) document.getElementById(active)?.focus();
  }, [moved]);
  return active;
}
