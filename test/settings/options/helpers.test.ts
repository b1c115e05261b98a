import { describe, expect, it } from 'vitest';
import { parseRegFile, decodeRegBytes } from '../parsers/reg';
import { parsePlist } from '../parsers/plist';
import { draftFromPolicy, patchRow, replaceAt } from '@/lib/settings/draft';
import { deploymentInputsFrom, emptyDeploymentInputs, planDeployment } from '@/lib/settings/deployment-plan';
import { formatTime, lockedSettings, remoteSummary, settingSources } from '@/lib/settings/diagnostics';
import { checkDraft, checkJsonText, isDirty, saveBlockedReason, baselineOf } from '@/lib/settings/editor-state';
import { describeJsonError, fileTooLargeMessage, policyExportText, readPolicyText } from '@/lib/settings/policy-file';
import { checkTemplate, liveExample } from '@/lib/settings/template-check';
import { SAMPLE_POLICY } from '@/lib/policy/sample-policy';
import { report, userReport } from './report';

const NOW = new Date(2026, 10, 5);

describe('template check', () => {
  it.each([
    ['{dept}-{yyyy}', ['dept'], { ok: true, fields: ['dept'] }],
    [
      '{dept}-{YYYY}',
      ['dept'],
      { ok: false, problems: ['Unknown field "YYYY" at column 9: built-in placeholders are lower case, {yyyy}.'] },
    ],
    [
      '{dpt}-1',
      ['dept'],
      { ok: false, problems: ['Unknown field "dpt" at column 2: add a field named "dpt" below, or fix the name.'] },
    ],
    ['{dept', ['dept'], { ok: false, problems: ['Unclosed "{" at column 1.'] }],
    ['a}', [], { ok: false, problems: ['"}" has no matching "{" (write "}}" for a literal brace) at column 2.'] }],
    ['', [], { ok: false, problems: ['Write the template, for example {dept}-{yyyy}-{seq}.'] }],
  ])('%s', (template, fields, expected) => {
    expect(checkTemplate(template, fields)).toEqual(expected);
  });

  it('builds an example from the draft’s fields, even while another format is broken', () => {
    const draft = draftFromPolicy(SAMPLE_POLICY)!;
    const broken = {
      ...draft,
      formats: replaceAt(draft.formats, 1, patchRow(draft.formats[1]!, { template: 'PRJ-{nope}' })),
    };
    expect(liveExample(broken, 0, NOW)).toBe('MKT-202611-0001');
    expect(liveExample(broken, 1, NOW)).toBeNull();
  });
});

describe('policy files', () => {
  it('says where JSON breaks, in words', () => {
    const text = '{\n  "version": 1,\n  "formats": [}\n}';
    const result = readPolicyText(text, 'policy.json');
    expect(result).toEqual({
      ok: false,
      message:
        'policy.json is not valid JSON (line 3, column 15: a value is expected (text in double quotes, a number, true, false, a list or an object), not "}"). Nothing was changed.',
    });
  });

  it.each([
    ['{"a": 1,}', 'line 1, column 9: a comma before } is not allowed'],
    ['[1,]', 'line 1, column 4: a comma before ] is not allowed'],
    [
      '{"a": ',
      'line 1, column 7: a value is expected (text in double quotes, a number, true, false, a list or an object), not the end of the text',
    ],
    ["{'a': 1}", 'line 1, column 2: a property name in double quotes is expected, not "\'"'],
    ['{"a": "x\ny"}', 'line 1, column 9: a line break or tab inside a quoted string must be written \\n or \\t'],
    ['{"a": "x}', 'line 1, column 7: this quoted string is never closed'],
    [
      '{"a": 1} {"b": 2}',
      'line 1, column 10: the policy ends before "{": remove what follows, or join it with a comma',
    ],
    ['{"a" 1}', 'line 1, column 6: ":" is expected after the property name, not "1"'],
    [
      '{"a": tru}',
      'line 1, column 7: a value is expected (text in double quotes, a number, true, false, a list or an object), not "t"',
    ],
  ])('finds where %j breaks', (text, expected) => {
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeDefined();
    expect(describeJsonError(text, error)).toBe(expected);
  });

  it.each([
    ['', 'is empty'],
    ['[1]', 'is JSON but not a policy'],
    ['{"3rdparty": {"extensions": {}}}', 'browser policy file without a PO policy'],
  ])('refuses %j', (text, message) => {
    expect(readPolicyText(text, 'x.json')).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it('reads the policy back out of the browser policy files the deployment section writes', () => {
    const plan = planDeployment(emptyDeploymentInputs(), { draftPolicy: SAMPLE_POLICY, inForcePolicy: null });
    for (const fileName of ['po-assist.json', 'policies.json']) {
      const file = plan.files.find((f) => f.fileName === fileName)!;
      const read = readPolicyText(file.content, fileName);
      expect(read).toMatchObject({
        ok: true,
        value: SAMPLE_POLICY,
        note: expect.stringContaining('Read the PO policy from a'),
      });
    }
  });

  it('caps the size and exports the policy as written', () => {
    expect(fileTooLargeMessage('big.json', 2_500_000)).toBe(
      'big.json is 2.5 MB; a policy file is at most 1 MB. Nothing was changed.',
    );
    expect(fileTooLargeMessage('ok.json', 1000)).toBeNull();
    expect(JSON.parse(policyExportText(SAMPLE_POLICY))).toStrictEqual(SAMPLE_POLICY);
  });
});

describe('deployment plan', () => {
  it('puts the draft and the settings into four files with the ids filled in, each parsing back', () => {
    const inputs = {
      ...emptyDeploymentInputs(),
      region: 'UK',
      tokenBrokerUrl: 'https://tokens.example.com',
      lockUserPolicy: true,
      edgeId: 'abcdefghijklmnopabcdefghijklmnop',
    };
    const plan = planDeployment(inputs, {
      draftPolicy: SAMPLE_POLICY,
      inForcePolicy: null,
      runningId: 'po-assist@po-assist.dev',
    });
    expect(plan.problems).toEqual([]);
    expect(plan.origin).toBe('draft');
    expect(plan.files.map((file) => file.kind)).toEqual(['linux', 'windows', 'macos', 'firefox']);
    const expected = {
      policy: SAMPLE_POLICY,
      region: 'UK',
      tokenBrokerUrl: 'https://tokens.example.com',
      lockUserPolicy: true,
    };

    const linux = JSON.parse(plan.files[0]!.content);
    expect(linux['3rdparty'].extensions).toStrictEqual({
      dclbnbbfkialpdndoahpkankgliacokd: expected,
      abcdefghijklmnopabcdefghijklmnop: expected,
    });

    const registry = parseRegFile(decodeRegBytes(plan.files[1]!.contentBytes!));
    const edgeKey = [...registry.keys()].find((key) => key.includes('Edge'))!;
    expect(edgeKey).toContain('abcdefghijklmnopabcdefghijklmnop');
    expect(JSON.parse(String(registry.get(edgeKey)!.get('policy')!.value))).toStrictEqual(SAMPLE_POLICY);

    const profile = parsePlist(plan.files[2]!.content) as {
      PayloadContent: Array<{
        PayloadContent: Record<string, { Forced: Array<{ mcx_preference_settings: unknown }> }>;
      }>;
    };
    const chrome =
      profile.PayloadContent[0]!.PayloadContent['com.google.Chrome.extensions.dclbnbbfkialpdndoahpkankgliacokd']!;
    expect(chrome.Forced[0]!.mcx_preference_settings).toStrictEqual(expected);

    expect(JSON.parse(plan.files[3]!.content).policies['3rdparty'].Extensions['po-assist@po-assist.dev']).toStrictEqual(
      expected,
    );
  });

  it('uses the policy in force when the draft is not valid, and this store build’s id', () => {
    const plan = planDeployment(emptyDeploymentInputs(), {
      draftPolicy: null,
      inForcePolicy: SAMPLE_POLICY,
      runningId: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    });
    expect(plan.origin).toBe('in-force');
    expect(plan.ids.chrome).toBe('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  });

  it('says what to fix', () => {
    const inputs = {
      ...emptyDeploymentInputs(),
      includePolicy: false,
      policyUrl: 'http://policy.example.com/p.json',
      chromeId: 'not-an-id',
      firefoxInstallUrl: 'ftp://x',
    };
    const plan = planDeployment(inputs, { draftPolicy: null, inForcePolicy: null });
    expect(plan.files).toEqual([]);
    expect(plan.problems.map((problem) => problem.input)).toEqual(['policyUrl', 'chromeId', 'firefoxInstallUrl']);
    expect(planDeployment(emptyDeploymentInputs(), { draftPolicy: null, inForcePolicy: null }).problems).toEqual([
      {
        input: null,
        message: expect.stringContaining('no valid policy to deploy yet'),
        guidance: true,
        section: 'policy',
      },
    ]);
  });

  it('starts from what the organization deploys today', () => {
    expect(deploymentInputsFrom({ policyUrl: 'https://p.example.com', lockUserPolicy: true })).toMatchObject({
      policyUrl: 'https://p.example.com',
      lockUserPolicy: true,
      region: '',
    });
  });
});

describe('diagnostics', () => {
  it('names the source of each setting', () => {
    const remote = report(
      {
        managed: { policyUrl: 'https://policy.example.com/po.json', region: 'DE' },
        remote: { url: 'https://policy.example.com/po.json' },
      },
      { policy: userReport().effective.policy, source: 'remote', adminControlled: true, userLocked: true },
    );
    expect(settingSources(remote).map((row) => [row.setting, row.source])).toEqual([
      ['PO policy', "Your organization's policy address (https://policy.example.com/po.json)"],
      ['Policy address', 'Your organization'],
      ['Order lookup region', 'Your organization'],
      ['Token broker', 'Default'],
      ['Your own policy', 'Default'],
    ]);
    expect(lockedSettings(remote)).toEqual(['PO policy', 'Policy address', 'Order lookup region']);
    expect(settingSources(report())[0]).toMatchObject({
      source: 'None',
      value: 'None: the checkout guard checks nothing',
    });
    expect(settingSources(userReport())[0]).toMatchObject({
      source: 'Yours (saved in this browser)',
      value: '2 formats, enforcement "block"',
    });
  });

  it('summarises the last fetch of the policy address', () => {
    expect(remoteSummary(report())).toEqual({ state: 'not-set' });
    const url = 'https://policy.example.com/po.json';
    expect(remoteSummary(report({ managed: { policyUrl: url } }))).toEqual({ state: 'not-fetched', url });
    const failed = report({
      managed: { policyUrl: url },
      remote: {
        url,
        lastAttemptAt: '2026-03-14T09:30:00Z',
        fetchedAt: '2026-03-13T08:00:00Z',
        lastResult: { status: 'error', message: 'HTTP 404' },
      },
    });
    expect(remoteSummary(failed)).toMatchObject({
      state: 'fetched',
      result: 'error',
      text: 'The fetch failed; the last good policy (if any) stays in force. HTTP 404',
    });
    expect(formatTime('2026-03-14T09:30:00Z', 'en-GB')).toMatch(/14 Mar 2026/);
    expect(formatTime(undefined)).toBe('never');
  });
});

describe('editor decisions', () => {
  it('explains why Save is off', () => {
    const valid = checkDraft(draftFromPolicy(SAMPLE_POLICY)!);
    expect(saveBlockedReason(valid, isDirty(valid, baselineOf(SAMPLE_POLICY)), false)).toBe('No unsaved changes.');
    expect(saveBlockedReason(valid, isDirty(valid, baselineOf(null)), false)).toBeNull();
    const invalid = checkJsonText('{"version": 1, "formats": []}');
    expect(saveBlockedReason(invalid, true, false)).toBe('Save is off: fix the problem listed at the top first.');
    expect(saveBlockedReason(checkJsonText('{'), true, false)).toBe(
      'Save is off: the JSON cannot be read (see above).',
    );
  });
});
