import { useEffect, useRef } from 'preact/hooks';
import type { Ref } from 'preact';
import type { Region } from '@/lib/amazon/marketplaces';
import { t } from '@/lib/i18n';
import { regionName } from '@/lib/api/region-names';

export interface LookupFormProps {
  po: string;
  region: Region;
  regions: readonly Region[];
  onPoInput: (po: string) => void;
  onRegionChange: (region: Region) => void;
  onSearch: () => void;
  /** Lets the popup move focus to the region when "try another region" is the next step. */
  regionRef?: Ref<HTMLSelectElement>;
  /** Why the last search could not start (an empty PO), shown under the field. */
  problem?: string | null;
}

/** The PO number and region to search, with Search. Enter in the PO field searches. Props in, events out. */
export function LookupForm(props: LookupFormProps) {
  const poRef = useRef<HTMLInputElement>(null);
  // `autofocus` on an element Preact inserts later is ignored by browsers, so focus once on mount.
  useEffect(() => poRef.current?.focus(), []);
  return (
    <form
      class="lookup-form"
      role="search"
      aria-label={t('form_label')}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSearch();
      }}
    >
      <div class="field po-field">
        <label for="lookup-po">{t('form_po')}</label>
        <input
          id="lookup-po"
          ref={poRef}
          type="text"
          value={props.po}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={props.problem ? 'true' : undefined}
          aria-describedby={props.problem ? 'lookup-po-problem' : undefined}
          onInput={(event) => props.onPoInput(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.isComposing) return;
            event.preventDefault();
            props.onSearch();
          }}
        />
      </div>
      <div class="field region-field">
        <label for="lookup-region">{t('form_region')}</label>
        <select
          id="lookup-region"
          ref={props.regionRef}
          value={props.region}
          onChange={(event) => props.onRegionChange(event.currentTarget.value as Region)}
        >
          {props.regions.map((region) => (
            <option key={region} value={region}>
              {regionName(region)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary">
        {t('form_search')}
      </button>
      {props.problem && (
        <p id="lookup-po-problem" class="error form-problem" role="alert">
          {props.problem}
        </p>
      )}
    </form>
  );
}
