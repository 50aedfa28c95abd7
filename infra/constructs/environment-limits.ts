/**
 * Lambda refuses a function whose environment variables exceed 4 KB in all (a hard quota, not
 * adjustable), and only at deploy: CloudFormation rolls back after `cdk synth` said nothing. This check
 * makes synth fail instead, and holds each variable to 1 KB so that data (a list of programmes, a
 * registry) travels in the bundle and never in the environment.
 *
 * Lambda measures the variables as the JSON object it stores ({"KEY":"value",...}), so keys, quotes and
 * separators count. A value CloudFormation fills in at deploy (a table name, an ARN, a URL) is counted
 * at REFERENCE_ESTIMATE bytes: more than any name or ARN this stack produces.
 */
import { type IAspect, Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/** Lambda's quota on one function's variables, in all. */
export const ENVIRONMENT_LIMIT_BYTES = 4 * 1024;
/** fundwatch's own limit on one variable: configuration, not data. */
export const VARIABLE_LIMIT_BYTES = 1024;
/** The size assumed for a value only known at deploy (Ref, Fn::GetAtt, ...). */
export const REFERENCE_ESTIMATE = 256;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The deployed size of one resolved value: literal text as is, each CloudFormation reference at its estimate. */
export function estimatedBytes(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'boolean') return utf8(String(value));
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  if (join) return join[1].reduce<number>((n, part) => n + estimatedBytes(part), 0) + utf8(join[0]) * Math.max(0, join[1].length - 1);
  return REFERENCE_ESTIMATE;
}

/**
 * What is wrong with one function's resolved variables, one sentence each (empty: within the limits).
 * @example environmentProblems({ PROGRAMMES: 'x'.repeat(5000) }) // ['environment variable PROGRAMMES is 5,000 bytes, over ...', 'the environment variables total about 5,017 bytes ...']
 */
export function environmentProblems(variables: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(variables);
  // {"KEY":"value",...}: braces, commas between entries, each key and value quoted (and escaped) as JSON.
  let total = 2 + Math.max(0, entries.length - 1);
  for (const [key, value] of entries) {
    const bytes = estimatedBytes(value);
    total += utf8(JSON.stringify(key)) + 1 + (typeof value === 'string' ? utf8(JSON.stringify(value)) : bytes + 2);
    if (bytes > VARIABLE_LIMIT_BYTES) {
      problems.push(`environment variable ${key} is ${bytes.toLocaleString('en')} bytes, over fundwatch's ${VARIABLE_LIMIT_BYTES} per variable: ship data in the bundle (as the registry travels in sources.json) and keep the environment for settings`);
    }
  }
  if (total > ENVIRONMENT_LIMIT_BYTES) {
    problems.push(`the environment variables total about ${total.toLocaleString('en')} bytes counting keys and values, over Lambda's ${ENVIRONMENT_LIMIT_BYTES} (4 KB, not adjustable): the deploy would fail; move the largest into the bundle`);
  }
  return problems;
}

/**
 * Adds the check to every Lambda function under the scope it is applied to, as a construct validation:
 * `cdk synth` (and any test that synthesizes) fails naming the function and the variable.
 * @example Aspects.of(stack).add(new EnvironmentLimits());
 */
export class EnvironmentLimits implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnFunction)) return;
    node.node.addValidation({
      validate: () => {
        const environment = Stack.of(node).resolve(node.environment) as { variables?: Record<string, unknown>; Variables?: Record<string, unknown> } | undefined;
        const variables = environment?.variables ?? environment?.Variables ?? {};
        // CDK prefixes each with the function's path.
        return environmentProblems(variables);
      },
    });
  }
}
