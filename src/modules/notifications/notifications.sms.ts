// SMS out of the platform, behind one interface: a real gateway (an HTTP POST to SMS_URL), or outside production
// without one the simulator, which keeps each text in `dev_sms` for the development page /udvikling/sms.
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { insertDevSms } from './notifications.repository.ts';

/** One text to one Danish mobile number (+45 and 8 digits). */
export type SmsMessage = { to: string; text: string };

export type SmsSender = {
  /** Sends the text; throws UNAVAILABLE when the gateway refuses or cannot be reached (the job tries again later). */
  send(message: SmsMessage): Promise<void>;
};

/**
 * The SMS gateway at `url`: `POST url` with JSON `{ "to": "+4512345678", "text": "…" }`; a user and password in the
 * URL are sent as HTTP Basic authentication, never in the address. Any 2xx answer is a sent text.
 */
export function createSmsGateway(url: string, timeoutMs = 10_000): SmsSender {
  const target = new URL(url);
  const authorization =
    target.username || target.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`
      : undefined;
  target.username = '';
  target.password = '';
  return {
    async send(message) {
      let answer: Response;
      try {
        answer = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ to: message.to, text: message.text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new AppError('UNAVAILABLE', 'The SMS gateway could not be reached.', [], { cause: error });
      }
      await answer.body?.cancel();
      if (!answer.ok) throw new AppError('UNAVAILABLE', `The SMS gateway refused the text (HTTP ${answer.status}).`);
    },
  };
}

/** The simulator: each text is kept in `dev_sms` (shown at /udvikling/sms) instead of being sent. */
export function createSmsSimulator(db: Db): SmsSender {
  return { send: (message) => insertDevSms(db, message) };
}

/** The SMS sender for the configuration: the gateway, the simulator (outside production without SMS_URL), or none (SMS off). */
export function createSmsSender(config: Pick<Config, 'sms' | 'integrations'>, db: Db): SmsSender | undefined {
  if (config.sms.url) return createSmsGateway(config.sms.url, config.integrations.timeoutMs);
  return config.sms.simulator ? createSmsSimulator(db) : undefined;
}
