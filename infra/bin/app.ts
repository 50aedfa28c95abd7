/** The CDK app: one environment-agnostic stack, parameters from context. `npx cdk synth` / `npx cdk deploy`. */
import { App } from 'aws-cdk-lib';
import { readParameters } from '../parameters.ts';
import { FundwatchStack } from '../stacks/fundwatch-stack.ts';

const app = new App();
new FundwatchStack(app, 'Fundwatch', readParameters(app.node), {
  description: 'fundwatch: watches JST, AMED and JSPS programme pages and e-mails subscribers about changes',
});
app.synth();
