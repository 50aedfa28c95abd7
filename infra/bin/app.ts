/**
 * The CDK app: one environment-agnostic stack, parameters from context. `npx cdk synth` / `npx cdk deploy`.
 * cdk-nag's AwsSolutions pack validates every synth: an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readParameters } from '../parameters.ts';
import { FundwatchStack } from '../stacks/fundwatch-stack.ts';

const app = new App();
new FundwatchStack(app, 'Fundwatch', readParameters(app.node), {
  description: 'fundwatch: watches JST, AMED and JSPS programme pages and e-mails subscribers about changes',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
