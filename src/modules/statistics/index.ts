// statistics: the open statistics (issue 16) — rollups of distinct citizens with activity per month, kept from the
// activity events by a job, published without sign-in at /statistik and GET /api/public/v1/statistics as two fixed
// tables with small-cell suppression (primary and secondary) so no figure from fewer than five citizens can be read;
// and, from daily and monthly rollups, the municipal dashboard (/kommune/overblik) and governance's national oversight
// (/faellesskab/overblik).
export { statisticsApiRoutes } from './statistics.routes.ts';
export { statisticsPages } from './statistics.pages.ts';
export { dashboardPages } from './dashboard.pages.ts';
export { refreshStatisticsJob } from './statistics.jobs.ts';
export { refreshStatistics } from './statistics.service.ts';
