import { t } from '../i18n';

// `mock` is AutoBangumi's in-process downloader: try the product without a BitTorrent client.
export const DOWNLOADER_TYPES = ['qbittorrent', 'transmission', 'aria2', 'mock'];

/** What the chosen client cannot do, said next to the choice. */
export function downloaderLimits(type: string): string {
  if (type === 'aria2') return t('downloader.limits_aria2');
  if (type === 'mock') return t('downloader.limits_mock');
  if (type === 'transmission') return t('downloader.limits_transmission');
  return t('downloader.limits_qbittorrent');
}
