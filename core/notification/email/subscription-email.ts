/** The e-mails of the subscription flow: "confirm your subscription" and "you are already subscribed". */
import type { OutgoingMail } from '../../ports/mailer.ts';
import type { Subscriber } from '../../domain/subscribers.ts';
import { escapeHtml } from '#lib/escape.ts';

const TEXT = {
  en: {
    confirmSubject: 'Confirm your fundwatch subscription',
    confirmBody: 'Someone (hopefully you) asked fundwatch to e-mail this address when JST, AMED or JSPS programme pages change. Nothing will be sent until you confirm:',
    confirmButton: 'Confirm my subscription',
    ignore: 'If you did not ask for this, ignore this e-mail: you will not hear from us again.',
    manageSubject: 'Your fundwatch subscription',
    manageBody: 'This address is already subscribed to fundwatch. To change what you receive, or to unsubscribe, use this link:',
    manageButton: 'Manage my subscription',
  },
  ja: {
    confirmSubject: 'fundwatch 登録の確認',
    confirmBody: 'JST・AMED・JSPS のプログラムページの変更をこのアドレスに通知するよう fundwatch に申し込みがありました。確認されるまで通知は送信されません。',
    confirmButton: '登録を確認する',
    ignore: 'お心当たりのない場合は、このメールを破棄してください。今後メールが届くことはありません。',
    manageSubject: 'fundwatch の登録について',
    manageBody: 'このアドレスはすでに fundwatch に登録されています。配信内容の変更・配信停止は次のリンクから行えます。',
    manageButton: '登録内容を管理する',
  },
} as const;

/** A short e-mail with one call to action: a paragraph, a button for the link, and a closing line. */
export function actionEmail(subscriber: Subscriber, subject: string, body: string, button: string, link: string, after?: string): OutgoingMail {
  const lang = subscriber.lang;
  const text = [body, '', link, ...(after ? ['', after] : [])].join('\n');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:600px;margin:auto;line-height:1.5"><p>${escapeHtml(body)}</p>` +
    `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1a56a6;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(button)}</a></p>` +
    `<p style="font-size:small;color:#555">${escapeHtml(link)}</p>${after ? `<p style="font-size:small;color:#555">${escapeHtml(after)}</p>` : ''}</body></html>`;
  return { to: subscriber.email, subject, text, html };
}

export function renderConfirmationEmail(subscriber: Subscriber, confirmLink: string): OutgoingMail {
  const t = TEXT[subscriber.lang];
  return actionEmail(subscriber, t.confirmSubject, t.confirmBody, t.confirmButton, confirmLink, t.ignore);
}

export function renderAlreadySubscribedEmail(subscriber: Subscriber, manageLink: string): OutgoingMail {
  const t = TEXT[subscriber.lang];
  return actionEmail(subscriber, t.manageSubject, t.manageBody, t.manageButton, manageLink, t.ignore);
}
