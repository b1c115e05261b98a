/** @vitest-environment happy-dom */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/lib/settings/page/OptionsApp';
import { MessageError, sendMessage } from '@/lib/messaging/client';
import type { SettingsReport } from '@/lib/settings/contract';
import { parsePolicy } from '@/lib/policy/schema';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { decodeRegBytes, parseRegFile } from '../parsers/reg';
import {
  background,
  button,
  callsOf,
  choose,
  click,
  deferred,
  mount,
  settle,
  text,
  unmount,
} from '../../order-lookup/popup/support';
import {
  byId,
  byTestId,
  bytesOf,
  captureDownloads,
  chooseFile,
  description,
  labelOf,
  toggle,
  typeInto,
} from './page-support';
import { adminReport, parsed, report, userReport } from './report';

vi.mock('@/lib/messaging/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/messaging/client')>();
  return { ...actual, sendMessage: vi.fn() };
});

const API_NOT_SET = {
  configured: false,
  mode: null,
  brokerUrl: null,
  brokerLocked: false,
  clientIdHint: null,
  hasClientSecret: false,
  hasRefreshToken: false,
  region: 'US' as const,
  regionLocked: false,
  sandbox: false,
};

/** A background that keeps the user's policy and reports it back, refusing invalid ones the way the real one does. */
function settingsBackground(initial: SettingsReport, extra: Parameters<typeof background>[0] = {}) {
  let current = initial;
  const mock = background({
    getApiAccess: () => API_NOT_SET,
    getSettingsReport: () => current,
    saveUserPolicy: ({ policy }) => {
      if (current.effective.userLocked)
        throw new MessageError({
          kind: 'locked',
          message: 'Your organization sets the PO policy; it cannot be changed here.',
        });
      const result = parsePolicy(policy);
      if (!result.ok)
        throw new MessageError({
          kind: 'invalid-policy',
          message: 'The policy has problems and was not saved.',
          problems: result.problems,
        });
      current = userReport(policy);
      return { saved: true };
    },
    clearUserPolicy: () => {
      current = report();
      return { cleared: true };
    },
    ...extra,
  });
  return { mock, current: () => current };
}

/** The button whose aria-label is `name`. */
const named = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name);
const rows = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].map((row) =>
    [...row.children].map((cell) => text(cell as HTMLElement).trim()),
  );
const saveButton = (root: HTMLElement) => byTestId<HTMLButtonElement>(root, 'policy-save');

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await unmount();
  vi.mocked(sendMessage).mockReset();
});

describe('building a policy in the form', () => {
  it('builds a valid policy from scratch, and Save sends exactly it', async () => {
    settingsBackground(report());
    const root = await mount(<App />);
    expect(text(root)).toContain('No policy yet: the checkout guard checks nothing.');
    expect(saveButton(root).disabled).toBe(true);
    expect(byTestId(root, 'policy-save-reason').textContent).toBe(
      'Nothing to save yet: fill in the form, import a policy, or start from the sample.',
    );

    await typeInto(byId(root, 'pol-format-0-id'), 'dept');
    await typeInto(byId(root, 'pol-format-0-label'), 'Department order');
    await typeInto(byId(root, 'pol-format-0-template'), '{dept}-{yyyy}-{seq}');
    // Checked live, on its own: the fields do not exist yet.
    expect(
      [...byId(root, 'pol-format-0-template-problems').querySelectorAll('li')].map((li) => li.textContent),
    ).toEqual([
      'Unknown field "dept" at column 2: add a field named "dept" below, or fix the name.',
      'Unknown field "seq" at column 16: add a field named "seq" below, or fix the name.',
    ]);
    expect(byId(root, 'pol-format-0-template').getAttribute('aria-invalid')).toBe('true');
    expect(saveButton(root).disabled).toBe(true);

    await click(button(root, 'Add a field'));
    expect(document.activeElement?.id).toBe('pol-field-0-name');
    await typeInto(byId(root, 'pol-field-0-name'), 'dept');
    await typeInto(byId(root, 'pol-field-0-label'), 'Department');
    await typeInto(byId(root, 'pol-field-0-value-0-code'), 'MKT');
    await typeInto(byId(root, 'pol-field-0-value-0-label'), 'Marketing');
    await click(button(root, 'Add a code'));
    expect(document.activeElement?.id).toBe('pol-field-0-value-1-code');
    await typeInto(byId(root, 'pol-field-0-value-1-code'), 'ENG');

    await click(button(root, 'Add a field'));
    await typeInto(byId(root, 'pol-field-1-name'), 'seq');
    await choose(byId(root, 'pol-field-1-type'), 'digits');
    await settle(2);
    await typeInto(byId(root, 'pol-field-1-min'), '4');
    await typeInto(byId(root, 'pol-field-1-max'), '4');
    await toggle(byId(root, 'pol-enforcement-block'));
    await toggle(byId(root, 'pol-required'));

    expect(root.querySelector('#pol-format-0-template-problems')).toBeNull();
    expect(byTestId(root, 'format-0-live-example').textContent).toMatch(/^MKT-\d{4}-0001$/);
    expect(byTestId(root, 'policy-unsaved').textContent).toBe('Unsaved changes');
    expect(root.querySelector('#pol-problem-summary')).toBeNull();
    expect(saveButton(root).disabled).toBe(false);

    await click(saveButton(root));
    const expected = {
      version: 1,
      enforcement: 'block',
      required: true,
      formats: [{ id: 'dept', label: 'Department order', template: '{dept}-{yyyy}-{seq}' }],
      fields: {
        dept: { type: 'list', label: 'Department', values: [{ code: 'MKT', label: 'Marketing' }, { code: 'ENG' }] },
        seq: { type: 'digits', minLength: 4, maxLength: 4 },
      },
    };
    expect(callsOf('saveUserPolicy')).toStrictEqual([{ policy: expected }]);
    expect(parsePolicy(expected).ok).toBe(true);
    expect(byTestId(root, 'policy-outcome').textContent).toContain(
      'Saved. Checkout tabs follow the new policy at once.',
    );
    expect(root.querySelector('[data-testid="policy-unsaved"]')).toBeNull();
    expect(byTestId(root, 'policy-save-reason').textContent).toBe('No unsaved changes.');
    // Save is off now (nothing to save): focus goes to the outcome that says what happened, not to the page.
    expect(saveButton(root).disabled).toBe(true);
    expect(document.activeElement).toBe(byTestId(root, 'policy-outcome'));
  });

  it('shows a bad template’s problem next to that template, lists it at the top, and keeps Save off', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    expect(saveButton(root).disabled).toBe(true);
    await typeInto(byId(root, 'pol-format-1-template'), 'PRJ-{proj-{seq}');

    const template = byId(root, 'pol-format-1-template');
    expect(template.getAttribute('aria-invalid')).toBe('true');
    expect(byId(root, 'pol-format-1-template-problems').textContent).toBe(
      'Character "-" cannot be part of a placeholder name at column 10.',
    );
    expect(description(root, template)).toContain('Character "-" cannot be part of a placeholder name at column 10.');
    expect(labelOf(root, template)).toBe('Format 2, Template');
    expect(root.querySelector('#pol-format-0-template-problems')).toBeNull();

    const summary = byId(root, 'pol-problem-summary');
    expect(summary.querySelector('[role="alert"]')?.textContent).toBe('This policy cannot be saved yet (1 problem)');
    expect(text(summary)).toContain('Format 2 (Project order), template');
    expect(saveButton(root).disabled).toBe(true);
    expect(byTestId(root, 'policy-save-reason').textContent).toBe(
      'Save is off: fix the problem listed at the top first.',
    );
    expect(text(root)).toContain(
      'The policy in the editor has problems: fix them in the PO policy section to test POs against it.',
    );
  });

  it('moves focus from the error summary to the control with the problem', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-field-0-value-2-code'), 'MKT');
    const summary = byId(root, 'pol-problem-summary');
    await click(button(summary, 'Field "dept", code 3 (MKT), code'));
    expect(document.activeElement?.id).toBe('pol-field-0-value-2-code');
    expect(text(summary)).toContain('Code "MKT" is listed twice (also code 1).');
  });

  it('offers to remove an unknown property the form cannot show', async () => {
    const withTypo = { ...SAMPLE_POLICY, enforcment: 'block' };
    settingsBackground(
      report(
        { userPolicy: withTypo },
        {
          broken: [
            {
              source: 'user',
              problems: [{ path: 'enforcment', code: 'unknown-property', params: { key: 'enforcment' } }],
            },
          ],
        },
      ),
    );
    const root = await mount(<App />);
    expect(text(byId(root, 'pol-problem-summary'))).toContain('Policy enforcment: Unknown property "enforcment".');
    await click(button(root, 'Remove "enforcment"'));
    expect(root.querySelector('#pol-problem-summary')).toBeNull();
    await click(saveButton(root));
    expect(callsOf('saveUserPolicy')).toStrictEqual([{ policy: SAMPLE_POLICY }]);
  });

  it('discards changes back to the saved policy', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-format-0-label'), 'Dept');
    expect(byTestId(root, 'policy-unsaved')).toBeTruthy();
    await click(byTestId(root, 'policy-discard'));
    expect(byId<HTMLInputElement>(root, 'pol-format-0-label').value).toBe('Department order');
    expect(root.querySelector('[data-testid="policy-unsaved"]')).toBeNull();
  });

  it('moves and removes rows from the keyboard-reachable row buttons', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await click(named(root, 'Move field "dept", code 1 down'));
    expect(byId<HTMLInputElement>(root, 'pol-field-0-value-0-code').value).toBe('ENG');
    expect(document.activeElement?.id).toBe('pol-field-0-value-1-down');
    await click(named(root, 'Move format 2 up'));
    expect(byId<HTMLInputElement>(root, 'pol-format-0-id').value).toBe('project');
    await click(named(root, 'Remove blanket PO 1'));
    await click(saveButton(root));
    const [{ policy }] = callsOf('saveUserPolicy') as [{ policy: typeof SAMPLE_POLICY }];
    expect(policy.formats.map((format) => format.id)).toEqual(['project', 'dept']);
    expect(policy.fields.dept.values.map((value) => value.code)).toEqual(['ENG', 'MKT', 'FIN']);
    expect(policy).not.toHaveProperty('blanketPos');
  });

  it('restricts a blanket PO to buyer groups and email domains, names its owner, and Save sends them', async () => {
    const { current } = settingsBackground(userReport());
    const root = await mount(<App />);
    const owner = byId<HTMLInputElement>(root, 'pol-blanket-0-owner');
    const groups = byId<HTMLTextAreaElement>(root, 'pol-blanket-0-groups');
    const domains = byId<HTMLTextAreaElement>(root, 'pol-blanket-0-domains');
    expect([owner, groups, domains].map((control) => labelOf(root, control))).toEqual([
      'Blanket PO 1, Owner',
      'Blanket PO 1, Buyer groups',
      'Blanket PO 1, Email domains',
    ]);
    expect(description(root, groups)).toContain('Leave both empty to offer it to everyone.');

    await typeInto(owner, 'Dana Reyes');
    await typeInto(groups, 'Marketing\nBrand team\n');
    await typeInto(domains, 'marketing.example.com');
    expect(root.querySelector('#pol-problem-summary')).toBeNull();
    await click(saveButton(root));
    const [{ policy }] = callsOf('saveUserPolicy') as [{ policy: typeof SAMPLE_POLICY }];
    expect(policy.blanketPos).toEqual([
      {
        ...SAMPLE_POLICY.blanketPos![0],
        owner: 'Dana Reyes',
        for: { groups: ['Marketing', 'Brand team'], emailDomains: ['marketing.example.com'] },
      },
    ]);
    expect(root.querySelector('[data-testid="policy-unsaved"]')).toBeNull();
    // Opened again, the page shows the saved restriction.
    expect(current().userPolicy).toEqual(policy);
    await unmount();
    const again = await mount(<App />);
    expect(byId<HTMLTextAreaElement>(again, 'pol-blanket-0-groups').value).toBe('Marketing\nBrand team');
    expect(byId<HTMLTextAreaElement>(again, 'pol-blanket-0-domains').value).toBe('marketing.example.com');
    expect(byId<HTMLInputElement>(again, 'pol-blanket-0-owner').value).toBe('Dana Reyes');
  });

  it('shows a problem of a blanket PO’s groups at that control, once it is real', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    const groups = byId<HTMLTextAreaElement>(root, 'pol-blanket-0-groups');
    expect(groups.getAttribute('aria-invalid')).not.toBe('true');
    await typeInto(groups, 'G'.repeat(200));
    expect(groups.getAttribute('aria-invalid')).toBe('true');
    expect(text(byId(root, 'pol-blanket-0-groups-problems'))).not.toBe('');
    expect(saveButton(root).disabled).toBe(true);
  });

  it('shows no problem on a just-added empty code until it is edited, or Save is tried', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await click(byId(root, 'pol-field-0-values-add'));
    const code = byId<HTMLInputElement>(root, 'pol-field-0-value-3-code');
    expect(code.value).toBe('');
    expect(code.getAttribute('aria-invalid')).not.toBe('true');
    expect(root.querySelector('#pol-field-0-value-3-code-problems')).toBeNull();
    expect(text(root)).not.toContain('This policy cannot be saved yet');

    // Save shows the problem instead of saving: one problem for the empty code, not also "plain ASCII".
    await click(saveButton(root));
    expect(callsOf('saveUserPolicy')).toEqual([]);
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(text(byId(root, 'pol-field-0-value-3-code-problems'))).toContain('must not be empty');
    expect(text(root)).not.toContain('plain ASCII');
  });
});

describe('JSON view', () => {
  it('round-trips the draft between the form and JSON', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-help'), 'Ask finance.');
    await click(byId(root, 'pol-tab-json'));
    expect(byId(root, 'pol-tab-json').getAttribute('aria-selected')).toBe('true');
    const json = byTestId<HTMLTextAreaElement>(root, 'policy-json');
    expect(JSON.parse(json.value)).toStrictEqual({ ...SAMPLE_POLICY, help: 'Ask finance.' });

    const edited = {
      ...SAMPLE_POLICY,
      enforcement: 'warn',
      formats: [...SAMPLE_POLICY.formats, { id: 'misc', template: 'MISC-{seq}' }],
    };
    await typeInto(json, JSON.stringify(edited));
    await click(byId(root, 'pol-tab-form'));
    expect(byId<HTMLInputElement>(root, 'pol-enforcement-warn').checked).toBe(true);
    expect(byId<HTMLInputElement>(root, 'pol-format-2-template').value).toBe('MISC-{seq}');
    await click(byId(root, 'pol-tab-json'));
    expect(JSON.parse(byTestId<HTMLTextAreaElement>(root, 'policy-json').value)).toStrictEqual(edited);

    await click(saveButton(root));
    expect(callsOf('saveUserPolicy')).toStrictEqual([{ policy: edited }]);
  });

  it('stays in JSON and says why when the text is not JSON', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await click(byId(root, 'pol-tab-json'));
    await typeInto(byTestId(root, 'policy-json'), '{\n  "version": 1,\n  "formats": [\n}');
    expect(byId(root, 'policy-json-error').textContent).toBe(
      'The JSON is not valid JSON (line 4, column 1: a value is expected (text in double quotes, a number, true, false, a list or an object), not "}"). Nothing was changed.',
    );
    expect(byTestId(root, 'policy-save-reason').textContent).toBe('Save is off: the JSON cannot be read (see above).');
    await click(byId(root, 'pol-tab-form'));
    expect(byId(root, 'pol-tab-json').getAttribute('aria-selected')).toBe('true');
    expect(byTestId(root, 'policy-switch-error').textContent).toContain(
      'Fix it to go back to the form, or discard the changes.',
    );
  });

  it('switches tabs with the arrow keys', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    const formTab = byId(root, 'pol-tab-form');
    formTab.focus();
    formTab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    expect(document.activeElement?.id).toBe('pol-tab-json');
    expect(root.querySelector('[data-testid="policy-json"]')).not.toBeNull();
  });
});

describe('import and export', () => {
  it('says why a file that is not JSON cannot be imported, and changes nothing', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await chooseFile(
      byId(root, 'pol-import-file'),
      new File(['{"version": 1,, }'], 'po-policy.json', { type: 'application/json' }),
    );
    expect(byTestId(root, 'import-outcome').querySelector('[role="alert"]')?.textContent).toBe(
      'po-policy.json is not valid JSON (line 1, column 15: a property name in double quotes is expected, not ","). Nothing was changed.',
    );
    expect(byId<HTMLInputElement>(root, 'pol-format-0-id').value).toBe('dept');
  });

  it('refuses a file that is too large', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await chooseFile(byId(root, 'pol-import-file'), new File(['x'.repeat(1_200_000)], 'huge.json'));
    expect(text(byTestId(root, 'import-outcome'))).toContain('huge.json is 1.2 MB; a policy file is at most 1 MB.');
  });

  it('says so when the chosen file cannot be read (moved or deleted after choosing), and changes nothing', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    const gone = new File(['{}'], 'po-policy.json', { type: 'application/json' });
    // What Firefox and Chromium do when the file is gone by the time the page reads it.
    gone.text = () => Promise.reject(new DOMException('The file could not be read.', 'NotReadableError'));
    await chooseFile(byId(root, 'pol-import-file'), gone);
    expect(byTestId(root, 'import-outcome').querySelector('[role="alert"]')?.textContent).toBe(
      'po-policy.json could not be read (was it moved or deleted?). Choose it again. Nothing was changed.',
    );
    expect(byId<HTMLInputElement>(root, 'pol-format-0-id').value).toBe('dept');
  });

  it('keeps the draft when an imported policy has problems, lists them at the import, and loads it on request', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-format-0-label'), 'My unsaved work');
    const bad = { ...SAMPLE_POLICY, formats: [{ id: 'dept', template: '{dept}-{YYYY}' }] };
    await chooseFile(byId(root, 'pol-import-file'), new File([JSON.stringify(bad)], 'bad.json'));

    expect(byTestId(root, 'import-outcome').querySelector('[role="alert"]')?.textContent).toBe(
      'bad.json was not loaded: it has the problems listed below. Your draft is unchanged.',
    );
    expect(text(byTestId(root, 'import-problems'))).toContain(
      'Format 1 (dept), template: unknown field "YYYY" at column 9',
    );
    expect(byId<HTMLInputElement>(root, 'pol-format-0-label').value).toBe('My unsaved work');
    expect(root.querySelector('#pol-problem-summary')).toBeNull();
    expect(saveButton(root).disabled).toBe(false);

    await click(button(root, 'Load anyway to fix it here'));
    expect(text(byTestId(root, 'import-outcome'))).toContain(
      'Loaded bad.json into the editor. It has a problem to fix before it can be saved',
    );
    expect(root.querySelector('[data-testid="import-problems"]')).toBeNull();
    expect(document.activeElement?.id).toBe('pol-problem-summary');
    expect(byId(root, 'pol-format-0-template-problems').textContent).toContain('Unknown field "YYYY" at column 9');
    expect(saveButton(root).disabled).toBe(true);
  });

  it('forgets a held-back import once a good one is loaded', async () => {
    settingsBackground(report());
    const root = await mount(<App />);
    const bad = { ...SAMPLE_POLICY, formats: [{ id: 'dept', template: '{dept}-{YYYY}' }] };
    await chooseFile(byId(root, 'pol-import-file'), new File([JSON.stringify(bad)], 'bad.json'));
    expect(root.querySelector('[data-testid="import-problems"]')).not.toBeNull();
    await chooseFile(byId(root, 'pol-import-file'), new File([JSON.stringify(SAMPLE_POLICY)], 'good.json'));
    expect(root.querySelector('[data-testid="import-problems"]')).toBeNull();
    expect(text(byTestId(root, 'import-outcome'))).toContain('Loaded good.json into the editor.');
  });

  it('imports pasted text', async () => {
    settingsBackground(report());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-import-paste'), JSON.stringify(SAMPLE_POLICY));
    await click(button(root, 'Use the pasted policy'));
    expect(text(byTestId(root, 'import-outcome'))).toContain(
      'Loaded the pasted policy into the editor. Check it, then press Save.',
    );
    expect(byId<HTMLInputElement>(root, 'pol-format-1-template').value).toBe('PRJ-{proj}-{seq}');
    expect(saveButton(root).disabled).toBe(false);
  });

  it('exports the draft as it stands', async () => {
    const downloads = captureDownloads();
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-maxlength'), '24');
    await click(byTestId(root, 'policy-export'));
    expect(downloads.map((d) => [d.fileName, d.type])).toEqual([['po-policy.json', 'application/json']]);
    expect(JSON.parse(await downloads[0]!.blob.text())).toStrictEqual({ ...SAMPLE_POLICY, maxLength: 24 });
  });
});

describe('when the organization sets the policy', () => {
  const month = () => {
    const now = new Date();
    return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}`;
  };

  it('shows the short organization view: who decides, the rules in words and the tester; no editor, no Deployment', async () => {
    settingsBackground(adminReport());
    const root = await mount(<App />);
    const nav = root.querySelector('nav[aria-label="Settings sections"]')!;
    expect([...nav.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '#organization',
      '#api-access',
      '#diagnostics',
    ]);
    const view = byTestId(root, 'organization-view');
    expect(view.hidden).toBe(false);
    expect(text(view)).toContain('Your organization manages PO Assist');
    expect(text(view)).toContain("Your organization sets this PO policy through your browser's enterprise policy.");
    const rules = byTestId(root, 'organization-rules');
    // Today's example for the dated format (the admin's fixed one is last month's), the admin's own for the other.
    expect(text(rules)).toContain(`Department order, for example MKT-${month()}-0001`);
    expect(text(rules)).toContain('Project order, for example PRJ-ATLAS-0001');
    expect(text(rules)).toContain('Not accepted: every order needs a PO number.');
    expect(text(rules)).toContain('Block: stop "Continue" and "Place your order" until the PO is valid.');
    expect(text(rules)).toContain('Format DEPT-YYYYMM-NNNN. Ask finance for your department code.');
    for (const gone of ['#pol-format-0-template', '[data-testid="policy-save"]', '#pol-import-file', '#deployment']) {
      expect(root.querySelector(gone), gone).toBeNull();
    }

    await typeInto(byTestId(root, 'tester-input'), 'mkt-202611-42');
    const verdict = byTestId(root, 'tester-verdict');
    expect(verdict.getAttribute('role')).toBe('status');
    expect(text(verdict)).toContain('Not valid:');
    expect(byTestId(root, 'tester-fix').textContent).toBe('MKT-202611-0042');
    await click(button(verdict, 'Use the fix'));
    expect(text(byTestId(root, 'tester-verdict'))).toContain('Valid: Department order (MKT-202611-0042).');
  });

  it('says in words that a broken organization policy falls back to the last good one, with details in Diagnostics', async () => {
    const broken = { ...SAMPLE_POLICY, enforcement: 'stop' };
    settingsBackground(
      report(
        { adminPolicy: broken, managedKeys: ['policy'] },
        {
          policy: parsed(SAMPLE_POLICY),
          source: 'admin',
          adminControlled: true,
          userLocked: true,
          broken: [
            {
              source: 'admin',
              usingLastGood: true,
              problems: [{ path: 'enforcement', code: 'one-of', params: { values: ['"block"', '"warn"', '"off"'] } }],
            },
          ],
        },
      ),
    );
    const root = await mount(<App />);
    const notice = byTestId(root, 'organization-broken');
    expect(text(notice)).toContain('the last good version is used. Tell your IT admin.');
    expect(text(notice)).not.toContain('enforcement');
    expect(notice.querySelector('a')!.getAttribute('href')).toBe('#diagnostics');
    expect(text(byTestId(root, 'diagnostics-problems'))).toContain('must be one of "block", "warn", "off"');
    await typeInto(byTestId(root, 'tester-input'), 'PRJ-ATLAS-0001');
    expect(text(byTestId(root, 'tester-verdict'))).toContain('Valid: Project order (PRJ-ATLAS-0001).');
  });

  it('says PO checks are off when the organization policy is broken and none is in force', async () => {
    const broken = { ...SAMPLE_POLICY, formats: [{ id: 'dept', template: '{dept}-{nope}' }] };
    settingsBackground(
      report(
        { adminPolicy: broken, managedKeys: ['policy'] },
        {
          adminControlled: true,
          userLocked: true,
          broken: [
            {
              source: 'admin',
              problems: [
                {
                  path: 'formats[0].template',
                  code: 'unknown-field',
                  params: { name: 'nope', column: 9, builtin: null },
                },
              ],
            },
          ],
        },
      ),
    );
    const root = await mount(<App />);
    expect(text(byTestId(root, 'organization-broken'))).toContain(
      "PO checks are off: your organization's PO settings have a problem. Tell your IT admin.",
    );
    expect(root.querySelector('[data-testid="organization-rules"]')).toBeNull();
    expect(text(byTestId(root, 'tester-verdict'))).toContain('No policy is in force');
  });
});

describe('deployment', () => {
  it('shows no red alert on first load, only what to do next', async () => {
    location.hash = '#deployment';
    settingsBackground(report());
    const root = await mount(<App />);
    const deployment = byId(root, 'deployment');
    expect(deployment.hidden).toBe(false);
    expect(deployment.querySelector('[role="alert"]')).toBeNull();
    expect(deployment.querySelector('.error')).toBeNull();
    expect(text(byTestId(deployment, 'deploy-guidance'))).toContain(
      'There is no valid policy to deploy yet, and no other setting: fix the policy in the PO policy section',
    );
    // The policy is another section now: the guidance names it and links to it.
    const link = byTestId(deployment, 'deploy-guidance').querySelector<HTMLAnchorElement>('a[href="#policy"]')!;
    expect(link.textContent).toBe('Go to the policy');
    expect(text(root)).not.toMatch(/\b(above|below)\b/);
    await click(link);
    await settle();
    expect(byId(root, 'policy').hidden).toBe(false);
    expect(deployment.hidden).toBe(true);
    location.hash = '';
  });

  it('generates the four files for the current draft, each downloadable', async () => {
    const downloads = captureDownloads();
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-help'), 'Ask finance for your code.');
    const draft = { ...SAMPLE_POLICY, help: 'Ask finance for your code.' };
    const section = byId(root, 'deployment');
    expect(byTestId(section, 'deploy-policy-origin').textContent).toBe(
      'The files carry the policy in the editor (PO policy section).',
    );
    await choose(byId(section, 'deploy-region'), 'UK');
    await toggle(byId(section, 'deploy-lockUserPolicy'));
    await settle(2);

    for (const kind of ['linux', 'windows', 'macos', 'firefox'])
      await click(byTestId(section, `deploy-download-${kind}`));
    expect(downloads.map((d) => d.fileName)).toEqual([
      'po-assist.json',
      'po-assist.reg',
      'po-assist.mobileconfig',
      'policies.json',
    ]);

    const linux = JSON.parse(await downloads[0]!.blob.text());
    expect(linux['3rdparty'].extensions.dclbnbbfkialpdndoahpkankgliacokd).toStrictEqual({
      policy: draft,
      region: 'UK',
      lockUserPolicy: true,
    });
    expect(parsePolicy(linux['3rdparty'].extensions.dclbnbbfkialpdndoahpkankgliacokd.policy).ok).toBe(true);

    const reg = await bytesOf(downloads[1]!.blob);
    expect([...reg.slice(0, 2)]).toEqual([0xff, 0xfe]);
    const registry = parseRegFile(decodeRegBytes(reg));
    const chromeKey = [...registry.keys()].find((key) => key.includes('Google'))!;
    expect(JSON.parse(String(registry.get(chromeKey)!.get('policy')!.value))).toStrictEqual(draft);

    expect(await downloads[2]!.blob.text()).toContain('com.google.Chrome.extensions.dclbnbbfkialpdndoahpkankgliacokd');
    expect(
      JSON.parse(await downloads[3]!.blob.text()).policies['3rdparty'].Extensions['po-assist@po-assist.dev'].policy,
    ).toStrictEqual(draft);
    expect(text(byTestId(section, 'deploy-file-linux'))).toContain('/etc/opt/chrome/policies/managed/po-assist.json');
  });

  it('uses the store id the admin types, and says what is wrong with a bad one', async () => {
    const downloads = captureDownloads();
    settingsBackground(userReport());
    const root = await mount(<App />);
    const section = byId(root, 'deployment');
    await typeInto(byId(section, 'deploy-chromeId'), 'not-an-id');
    expect(byId(section, 'deploy-chromeId').getAttribute('aria-invalid')).toBe('true');
    expect(section.querySelector('[data-testid="deploy-download-linux"]')).toBeNull();
    await typeInto(byId(section, 'deploy-chromeId'), 'abcdefghijklmnopabcdefghijklmnop');
    await click(byTestId(section, 'deploy-download-linux'));
    expect(Object.keys(JSON.parse(await downloads[0]!.blob.text())['3rdparty'].extensions)).toEqual([
      'abcdefghijklmnopabcdefghijklmnop',
      'dclbnbbfkialpdndoahpkankgliacokd',
    ]);
  });

  it('falls back to the policy in force while the draft has problems', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    await typeInto(byId(root, 'pol-format-0-template'), '{dept');
    expect(byTestId(byId(root, 'deployment'), 'deploy-policy-origin').textContent).toContain('the policy in force');
  });
});

describe('diagnostics', () => {
  const url = 'https://policy.example.com/po.json';
  const remoteReport = () =>
    report(
      {
        managed: { policyUrl: url, region: 'DE' },
        managedKeys: ['policyUrl', 'region', 'colour'],
        managedProblems: [
          { key: 'colour', message: 'colour is not a PO Assist setting and is ignored', usingLastGood: false },
        ],
        remote: {
          url,
          fetchedAt: '2026-03-13T08:00:00Z',
          lastAttemptAt: '2026-03-14T09:30:00Z',
          lastResult: { status: 'error', message: 'The server answered 404.' },
        },
        selectors: {
          poField: ['#po-input'],
          submit: ['#placeYourOrder'],
          overridden: { poField: true, submit: false },
        },
        lastField: { found: true, via: '#poNumber', host: 'www.amazon.com', path: '/checkout/p/1' },
      },
      { policy: parsed(SAMPLE_POLICY), source: 'remote', adminControlled: true, userLocked: true },
    );

  it('shows where each setting comes from, locked keys, the last fetch and the PO field', async () => {
    settingsBackground(remoteReport());
    const root = await mount(<App />);
    const diagnostics = byTestId(root, 'diagnostics');
    expect(rows(byTestId(diagnostics, 'diagnostics-sources'))).toEqual([
      ['PO policy', '2 formats, enforcement "block"', `Your organization's policy address (${url})`],
      ['Policy address', url, 'Your organization'],
      ['Order lookup region', 'DE', 'Your organization'],
      ['Token broker', 'Your choice in API access', 'Default'],
      ['Your own policy', 'Allowed', 'Default'],
    ]);
    expect(text(byTestId(diagnostics, 'diagnostics-locked'))).toBe(
      'Set by your organization, read-only here: PO policy, Policy address, Order lookup region.',
    );
    expect(text(byTestId(diagnostics, 'diagnostics-problems'))).toContain(
      'colour: colour is not a PO Assist setting and is ignored',
    );
    expect(text(byTestId(diagnostics, 'diagnostics-remote'))).toContain(
      'The fetch failed; the last good policy (if any) stays in force. The server answered 404.',
    );
    expect(text(diagnostics)).toContain('Overridden by the policy. In force:');
    expect(
      [...diagnostics.querySelectorAll('.selectors')].map((block) =>
        [...block.querySelectorAll(':scope > ol li')].map((li) => li.textContent),
      ),
    ).toEqual([['#po-input'], ['#placeYourOrder']]);
    expect(text(byTestId(diagnostics, 'diagnostics-last-field'))).toBe(
      'Found on www.amazon.com/checkout/p/1 by #poNumber.',
    );
    expect(text(byTestId(diagnostics, 'diagnostics-extension'))).toContain('Version0.1.0');
  });

  it('"Fetch now" asks the background to fetch the policy address and shows the answer', async () => {
    const { mock } = settingsBackground(remoteReport(), {
      refreshRemotePolicy: () => ({ ok: true, message: 'Fetched: the policy is up to date.' }),
    });
    const root = await mount(<App />);
    const diagnostics = byTestId(root, 'diagnostics');
    const reportsBefore = callsOf('getSettingsReport').length;
    await click(button(diagnostics, 'Fetch now'));
    expect(callsOf('refreshRemotePolicy')).toEqual([{}]);
    expect(callsOf('getSettingsReport').length).toBe(reportsBefore + 1);
    expect(text(byTestId(root, 'diagnostics-remote'))).toContain('Fetched: the policy is up to date.');
    expect(mock).toHaveBeenCalled();
  });

  it('says why the PO field was chosen, and that a weak one is hinted but never holds an order', async () => {
    settingsBackground(
      report({
        lastField: {
          found: true,
          via: 'placeholder:po number',
          host: 'www.amazon.com',
          path: '/checkout/p/1',
          confidence: 'weak',
          reasons: ['placeholder'],
        },
      }),
    );
    const root = await mount(<App />);
    expect(text(byTestId(root, 'diagnostics-field-why'))).toBe(
      'Chosen because of: its placeholder (a weak signal). Only a weak signal matched: the guard hints on this field but never holds an order for it.',
    );
  });

  it('says the guard stands aside when the PO is a list of defined options', async () => {
    settingsBackground(
      report({
        lastField: {
          found: false,
          via: null,
          host: 'www.amazon.de',
          path: '/checkout/p/2',
          standAside: 'po-is-select',
        },
      }),
    );
    const root = await mount(<App />);
    expect(text(byTestId(root, 'diagnostics-last-field'))).toBe(
      'On www.amazon.de/checkout/p/2 the PO is a list of defined options: nothing to check.',
    );
    expect(root.querySelector('[data-testid="diagnostics-field-why"]')).toBeNull();
  });

  it('says when no PO field has been seen yet', async () => {
    settingsBackground(report());
    const root = await mount(<App />);
    expect(text(byTestId(root, 'diagnostics-last-field'))).toBe('Not seen yet: open an Amazon Business checkout page.');
    expect(text(byTestId(root, 'diagnostics-remote'))).toContain('Not set');
    expect(byTestId(root, 'diagnostics-remote').querySelector('button')).toBeNull();
  });
});

describe('page structure', () => {
  it('has a heading per section, one section shown at a time, and a label on every control', async () => {
    settingsBackground(userReport());
    const root = await mount(<App />);
    const nav = root.querySelector('nav[aria-label="Settings sections"]')!;
    const targets = [...nav.querySelectorAll('a')].map((a) => a.getAttribute('href')!.slice(1));
    expect(targets).toEqual(['policy', 'tester', 'api-access', 'deployment', 'diagnostics']);
    for (const id of targets) {
      expect(root.querySelector(`#${id}`)?.querySelector('h2'), id).not.toBeNull();
    }
    const shown = () => targets.filter((id) => !byId(root, id).hidden);
    expect(shown()).toEqual(['policy']);
    expect(nav.querySelector('[aria-current="page"]')?.getAttribute('href')).toBe('#policy');
    for (const control of root.querySelectorAll('input, textarea, select')) {
      const named =
        labelOf(root, control) || control.getAttribute('aria-label') || control.closest('label')?.textContent;
      expect(named, control.outerHTML.slice(0, 120)).toBeTruthy();
    }
  });

  it('shows the section the address names, follows link clicks and back, and moves focus to it', async () => {
    location.hash = '#deployment';
    settingsBackground(userReport());
    const root = await mount(<App />);
    const shown = () =>
      [...root.querySelectorAll('.section-panels > section')].filter((s) => !(s as HTMLElement).hidden);
    expect(shown().map((section) => section.id)).toEqual(['deployment']);

    location.hash = '#diagnostics';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(shown().map((section) => section.id)).toEqual(['diagnostics']);
    expect(document.activeElement?.id).toBe('diagnostics');
    expect(root.querySelector('[aria-current="page"]')?.getAttribute('href')).toBe('#diagnostics');

    // The old in-page anchor still lands on what it named, now inside Policy.
    location.hash = '#import-export';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(shown().map((section) => section.id)).toEqual(['policy']);
    location.hash = '';
  });

  it("shows the user's own settings at once while the organization's are checked, then follows them", async () => {
    const organization = deferred<SettingsReport>();
    background({
      getApiAccess: () => API_NOT_SET,
      getSettingsReport: (input) =>
        input.waitForOrganization ? organization.promise : { ...userReport(), organizationPending: true },
    });
    const root = await mount(<App />);
    expect(byTestId(root, 'organization-pending').textContent).toBe(
      "Showing your own settings; checking for your organization's settings…",
    );
    expect(byId<HTMLInputElement>(root, 'pol-format-0-id').value).toBe('dept');
    expect(byId<HTMLInputElement>(root, 'pol-format-0-id').readOnly).toBe(false);

    organization.resolve(adminReport({ ...SAMPLE_POLICY, help: 'from IT' }));
    await settle();
    expect(byTestId(root, 'organization-pending').textContent).toBe('');
    expect(text(byTestId(root, 'organization-view'))).toContain('Your organization manages PO Assist');
  });

  it('follows a policy saved elsewhere when there are no unsaved changes', async () => {
    const { current } = settingsBackground(report());
    const root = await mount(<App />);
    expect(current().userPolicy).toBeNull();
    background({ getApiAccess: () => API_NOT_SET, getSettingsReport: () => userReport() });
    await fakeBrowser.storage.local.set({ userPolicy: SAMPLE_POLICY });
    await settle();
    expect(byId<HTMLInputElement>(root, 'pol-format-0-id').value).toBe('dept');
    expect(root.querySelector('[data-testid="policy-unsaved"]')).toBeNull();
  });
});
