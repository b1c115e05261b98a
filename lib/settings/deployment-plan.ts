/**
 * What the Deployment section generates: the settings an admin pushes (the policy plus policyUrl, region,
 * tokenBrokerUrl, lockUserPolicy), checked the way the extension will read them, and the files for each
 * platform with the extension ids filled in. Pure.
 */
import { generateDeploymentFiles, type DeploymentFile } from '@/lib/settings/deployment';
import {
  FIREFOX_EXTENSION_ID,
  UNPACKED_CHROMIUM_EXTENSION_ID,
  type ManagedSettings,
} from '@/lib/settings/managed-settings';
import { isRegion } from '@/lib/api/regions';
import type { ManagedValues } from '@/lib/storage/managed';
import { t, type MessageKey } from '@/lib/i18n';
import { managedKeySchemas } from '@/lib/storage/managed';

export type DeploymentKind = 'linux' | 'windows' | 'macos' | 'firefox';

export interface DeploymentInputs {
  includePolicy: boolean;
  policyUrl: string;
  /** '' when not set. */
  region: string;
  tokenBrokerUrl: string;
  lockUserPolicy: boolean;
  /** Store ids; '' means the id of this build. */
  chromeId: string;
  edgeId: string;
  firefoxInstallUrl: string;
}

export type DeploymentInput = keyof DeploymentInputs;

/** Where the policy in the files comes from. */
export type PolicyOrigin = 'draft' | 'in-force' | 'none';

export interface DeploymentPlan {
  files: (DeploymentFile & { kind: DeploymentKind; title: string })[];
  settings: ManagedSettings;
  origin: PolicyOrigin;
  ids: { chrome: string; edge: string; firefox: string };
  /**
   * Inputs to fix before files can be generated, each with a plain message. `guidance`: nothing to deploy yet, which
   * is what to do next rather than an error; `section`: the options section where that is done.
   */
  problems: { input: DeploymentInput | null; message: string; guidance?: boolean; section?: 'policy' }[];
}

const CHROMIUM_ID = /^[a-p]{32}$/;

/** The Chromium id to fill in by default: this running build's when it is one (a store install), else the unpacked build's. */
export function defaultChromiumId(runningId: string | null | undefined): string {
  return runningId && CHROMIUM_ID.test(runningId) ? runningId : UNPACKED_CHROMIUM_EXTENSION_ID;
}

export function emptyDeploymentInputs(): DeploymentInputs {
  return {
    includePolicy: true,
    policyUrl: '',
    region: '',
    tokenBrokerUrl: '',
    lockUserPolicy: false,
    chromeId: '',
    edgeId: '',
    firefoxInstallUrl: '',
  };
}

/** Starts from what the organization deploys today, so regenerating keeps it. */
export function deploymentInputsFrom(managed: ManagedValues): DeploymentInputs {
  return {
    ...emptyDeploymentInputs(),
    policyUrl: managed.policyUrl ?? '',
    region: managed.region ?? '',
    tokenBrokerUrl: managed.tokenBrokerUrl ?? '',
    lockUserPolicy: managed.lockUserPolicy ?? false,
  };
}

const KINDS: Record<string, [DeploymentKind, MessageKey]> = {
  'po-assist.json': ['linux', 'deploy_platform_linux'],
  'po-assist.reg': ['windows', 'deploy_platform_windows'],
  'po-assist.mobileconfig': ['macos', 'deploy_platform_macos'],
  'policies.json': ['firefox', 'deploy_platform_firefox'],
};

export function deploymentKind(fileName: string): { kind: DeploymentKind; title: string } {
  const known = KINDS[fileName];
  if (known) return { kind: known[0], title: t(known[1]) };
  if (fileName.endsWith('.reg')) return { kind: 'windows', title: t('deploy_platform_windowsOther') };
  if (fileName.endsWith('.mobileconfig')) return { kind: 'macos', title: t('deploy_platform_macosOther') };
  return { kind: 'linux', title: fileName };
}

function urlProblem(key: 'policyUrl' | 'tokenBrokerUrl', value: string): string | null {
  const parsed = managedKeySchemas[key].safeParse(value);
  return parsed.success ? null : t('deploy_notHttps');
}

export interface PlanSources {
  /** The draft as written, when it is a valid policy; null otherwise. */
  draftPolicy: unknown;
  /** The policy in force (from the settings report), used when the draft cannot be. */
  inForcePolicy: unknown;
  runningId?: string | null;
}

/** The settings and files for the inputs; files is empty while a problem remains. */
export function planDeployment(inputs: DeploymentInputs, sources: PlanSources): DeploymentPlan {
  const problems: DeploymentPlan['problems'] = [];
  const settings: ManagedSettings = {};
  let origin: PolicyOrigin = 'none';
  if (inputs.includePolicy) {
    if (sources.draftPolicy !== null && sources.draftPolicy !== undefined) {
      settings.policy = sources.draftPolicy;
      origin = 'draft';
    } else if (sources.inForcePolicy !== null && sources.inForcePolicy !== undefined) {
      settings.policy = sources.inForcePolicy;
      origin = 'in-force';
    }
  }
  const policyUrl = inputs.policyUrl.trim();
  if (policyUrl) {
    const problem = urlProblem('policyUrl', policyUrl);
    if (problem) problems.push({ input: 'policyUrl', message: problem });
    settings.policyUrl = policyUrl;
  }
  if (inputs.region) {
    if (isRegion(inputs.region)) settings.region = inputs.region;
    else problems.push({ input: 'region', message: t('deploy_chooseRegion') });
  }
  const broker = inputs.tokenBrokerUrl.trim();
  if (broker) {
    const problem = urlProblem('tokenBrokerUrl', broker);
    if (problem) problems.push({ input: 'tokenBrokerUrl', message: problem });
    settings.tokenBrokerUrl = broker;
  }
  if (inputs.lockUserPolicy) settings.lockUserPolicy = true;

  const fallbackId = defaultChromiumId(sources.runningId);
  const chrome = inputs.chromeId.trim() || fallbackId;
  const edge = inputs.edgeId.trim() || fallbackId;
  for (const [input, id] of [
    ['chromeId', chrome],
    ['edgeId', edge],
  ] as const) {
    if (!CHROMIUM_ID.test(id)) problems.push({ input, message: t('deploy_badExtensionId') });
  }
  const installUrl = inputs.firefoxInstallUrl.trim();
  if (installUrl && !/^(https|file):/i.test(installUrl)) {
    problems.push({ input: 'firefoxInstallUrl', message: t('deploy_firefoxInstallScheme') });
  }
  if (Object.keys(settings).length === 0) {
    problems.push({
      input: null,
      message: t(inputs.includePolicy ? 'deploy_nothingWithPolicy' : 'deploy_nothing'),
      guidance: true,
      ...(inputs.includePolicy ? { section: 'policy' as const } : {}),
    });
  }

  const ids = { chrome, edge, firefox: FIREFOX_EXTENSION_ID };
  if (problems.length > 0) return { files: [], settings, origin, ids, problems };
  try {
    const files = generateDeploymentFiles(
      settings,
      { chrome, edge, firefox: FIREFOX_EXTENSION_ID },
      installUrl ? { firefoxInstallUrl: installUrl } : {},
    );
    return {
      files: files.map((file) => ({ ...file, ...deploymentKind(file.fileName) })),
      settings,
      origin,
      ids,
      problems,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      files: [],
      settings,
      origin,
      ids,
      problems: [{ input: null, message: t('deploy_cannotMakeFiles', message) }],
    };
  }
}
