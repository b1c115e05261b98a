/**
 * The policy engine: pure, no browser or DOM APIs.
 *
 * This barrel re-exports everything, zod included (through schema.ts). Code that ships in the checkout content
 * script must import the zod-free files directly (validate, fix, generate, describe, blanket, template), so the
 * bundle stays small: see test/policy/bundle-rule.test.ts.
 */
export { parsePolicy, policySchema, formatPath, isReservedName, LIMITS } from './schema';
export type { ParseResult, Policy, PolicyInput, PolicyProblem } from './schema';
export { validatePo, normalisePo } from './validate';
export { fixPo } from './fix';
export { generatePo, fieldsNeedingChoice, datePartValue } from './generate';
export { describeFormats } from './describe';
export { activeBlanketPos, blanketAllows, blanketPosFor, isBlanketActiveOn, localIsoDate } from './blanket';
export type { BlanketPo, Shopper } from './blanket';
export { parseTemplate, BUILTIN_PARTS, isBuiltinPart } from './template';
export type { BuiltinPart, TemplateParseResult, TemplateSegment } from './template';
export { parseCharset } from './charset';
export { compilePolicy, matchFormat, toMatcherSpec } from './compile';
export { matcherFromSpec, matchSpec, buildNfa } from './matcher';
export type { MatcherSpec, SpecSegment } from './matcher';
export { compiledPolicyFor, matcherSpecFor } from './cache';
export { buildManagedSchema, chromeSchemaFromZod, chromeSchemaProblems } from './managed-schema';
export type { ChromeSchema } from './managed-schema';
export { SAMPLE_POLICY } from './sample-policy';
export { pickText, localizePolicy } from './localized-text';
export type { LocalizedText } from './localized-text';
export type {
  ChoiceField,
  FormatDescription,
  GenerateOptions,
  GenerateProblem,
  GenerateResult,
  DatePartName,
  PoExpectation,
  PoInvalidCode,
  PoPosition,
  PoReason,
  PoVerdict,
  ValidateOptions,
} from './types';
