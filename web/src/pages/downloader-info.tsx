import { t } from '../i18n';

export const DOWNLOADER_TYPES = ['qbittorrent', 'transmission', 'aria2'];

/** What the chosen client cannot do, said next to the choice. */
export function downloaderLimits(type: string): string {
  if (type === 'aria2') return t('downloader.limits_aria2');
  if (type === 'transmission') return t('downloader.limits_transmission');
  return t('downloader.limits_qbittorrent');
}
