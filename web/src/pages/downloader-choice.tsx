// The downloader a rule or a feed uses: the default, or one of the named instances in the
// settings. Empty means "the default" (for a rule: its feed's choice, else the default).
import { api } from '../api/client';
import { SelectField } from '../components/ui';
import { useLoad } from '../hooks';
import { t } from '../i18n';

export function DownloaderChoice(p: { label: string; value: string | null; onChange: (v: string | null) => void; testid?: string }) {
  const cfg = useLoad(() => api.config());
  const names = (cfg.data?.downloaders ?? []).map((d) => d.name).filter(Boolean);
  const value = p.value ?? '';
  // A name no longer configured is still shown, so saving does not silently change it.
  const options = [
    { value: '', label: t('common.downloader_default') },
    ...(value && !names.includes(value) ? [value] : []).concat(names).map((n) => ({ value: n, label: n })),
  ];
  return <SelectField label={p.label} name="downloader" value={value} options={options} onChange={(v) => p.onChange(v === '' ? null : v)} testid={p.testid} />;
}
