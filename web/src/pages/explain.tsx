import { ExplainBox } from '../components/explain-view';
import { t } from '../i18n';

export function Explain(p: { initial: string }) {
  return (
    <section>
      <h1>{t('explain.title')}</h1>
      <p class="muted">{t('explain.intro')}</p>
      <ExplainBox initial={p.initial} auto />
    </section>
  );
}
