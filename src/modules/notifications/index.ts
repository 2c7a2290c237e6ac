// notifications: one notification centre for citizens and staff (in the app, by e-mail and SMS per the person's
// preferences, one unsubscribe per kind); `notify` is how any module records one in its own transaction. E-mail and
// SMS go out from a durable job (deliverNotificationsJob); SMS behind an adapter (a gateway, or the simulator shown at
// /udvikling/sms outside production).
export { notify, unreadNotificationCount, deliverNotifications, type NotificationRecipient, type NotifyInput } from './notifications.service.ts';
export type { NotificationKind, NotificationChannel } from './notifications.tables.ts';
export { notificationPages, notificationApiRoutes, devSmsPages } from './notifications.pages.ts';
export { deliverNotificationsJob } from './notifications.jobs.ts';
export { createSmsSender, createSmsGateway, createSmsSimulator, type SmsSender, type SmsMessage } from './notifications.sms.ts';
export { DEV_SMS_PATH, unreadText } from './notifications.views.ts';
