/** The SES mailer, built once per container, for the handlers that send e-mail (wiring.ts says why apart). */
import type { Mailer } from '#core/ports/mailer.ts';
import { createSesClient, createSesMailer } from '#io/mail/ses-mailer.ts';
import { redactingErrors } from './telemetry.ts';
import { requireEnv } from './wiring.ts';

let mailer: Mailer | undefined;

export function awsMailer(): Mailer {
  // The configuration set routes SES's send, bounce and complaint events to the ses-events function.
  mailer ??= createSesMailer({ from: requireEnv('SENDER_EMAIL'), client: redactingErrors(createSesClient(undefined, process.env.AWS_REGION)),
    ...(process.env.CONFIGURATION_SET ? { configurationSet: process.env.CONFIGURATION_SET } : {}) });
  return mailer;
}
