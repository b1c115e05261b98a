import { t } from '@/lib/i18n';

export interface SectionLink {
  id: string;
  label: string;
  /** "(unsaved)", "(2 problems)": read after the label. */
  notes?: { text: string; tone?: 'error' }[];
}

/**
 * The settings sections as a sidebar of in-page links, one section shown at a time: links (not ARIA tabs) so each
 * section has an address (`options.html#deployment`) that back and forward walk through, and Tab reaches each one.
 */
export function SectionNav({ sections, active }: { sections: SectionLink[]; active: string }) {
  return (
    <nav aria-label={t('settings_sections')} class="section-nav" data-testid="settings-sections">
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a href={`#${section.id}`} aria-current={section.id === active ? 'page' : undefined}>
              {section.label}
              {section.notes?.map((note) => (
                <span key={note.text} class={note.tone === 'error' ? 'nav-note error' : 'nav-note'}>
                  {' '}
                  {note.text}
                </span>
              ))}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
