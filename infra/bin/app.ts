/**
 * The CDK app: one stack per stage, its settings from the committed stage file (infra/stages/<stage>.json,
 * chosen with `-c stage=<name>`). `npx cdk synth -c stage=<name>` / `npx cdk deploy -c stage=<name>`.
 * cdk-nag's AwsSolutions pack validates every synth: an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readParameters } from '../parameters.ts';
import { FundwatchStack, stackName } from '../stacks/fundwatch-stack.ts';

const app = new App();
const params = readParameters(app.node);
new FundwatchStack(app, stackName(params.stage), params, {
  description: `fundwatch (${params.stage}): watches JST, AMED and JSPS programme pages and e-mails subscribers about changes`,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
